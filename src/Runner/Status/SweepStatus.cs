using Runner.Results;
using Runner.Files;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Sweeps.Launchers;

namespace Runner.Status;

/// <summary>
/// Every run of a sweep's last plan (sweep.json) and where it stands, read from the results folder
/// alone plus what its launchers know (<see cref="SweepLaunchers.Places"/>: a Slurm array's tasks as squeue
/// lists them). A run's own result.json decides whether it ended; a place a launcher gives says queued or
/// running; otherwise a held lock says running (with the pid and host it records).
/// </summary>
public static class SweepStatus
{
    /// <param name="places">Where the launchers say runs are (<see cref="SweepLaunchers.Places"/>); none: the folder alone.</param>
    public static IReadOnlyList<RunState> Read(ExperimentFolder folder, IReadOnlyDictionary<string, RunPlace>? places = null)
    {
        var plan = folder.LastPlan();
        if (plan.Count == 0)
        {
            var runs = folder.RunsDirectory;
            plan = Directory.Exists(runs) ? Directory.GetDirectories(runs).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        }
        // A method's plan may grow as its workers decide (a search's proposals): the journal knows them before sweep.json does.
        var journal = Sweeps.Adaptive.DecisionJournal.Read(folder.Path);
        var proposed = Sweeps.Methods.SweepMethods.All.SelectMany(m => m.Proposed(journal, folder.DecisionsFile))
            .Where(d => !plan.Contains(d)).Distinct().ToList();
        if (proposed.Count > 0) plan = [.. plan, .. proposed];
        var histories = plan.ToDictionary(d => d, d => folder.Run(d).Epochs.Read());
        var epochSeconds = histories.Values.SelectMany(h => h).Select(m => m.Seconds).DefaultIfEmpty(double.NaN).Average();
        // A run that has not started has no config.yaml yet: it is taken to train as many epochs as the runs that have one.
        var configDirectory = folder.ConfigDirectory();
        var epochs = plan.ToDictionary(d => d, d => EpochsOf(folder.Run(d), configDirectory));
        double? typicalEpochs = epochs.Values.OfType<int>().Select(e => (double)e).DefaultIfEmpty().Average() is var mean and > 0 ? mean : null;
        return plan.Select(d => State(folder, d, histories[d], places?.GetValueOrDefault(d), epochSeconds, epochs[d], typicalEpochs)).ToList();
    }

    static int? EpochsOf(RunFolder run, string configDirectory) =>
        File.Exists(run.ConfigYaml) ? RunConfig.Read(File.ReadAllText(run.ConfigYaml), configDirectory).Experiment?.Train.Epochs : null;

    static RunState State(ExperimentFolder folder, string directory, IReadOnlyList<Results.EpochMetrics> history, RunPlace? place,
        double epochSeconds, int? epochs, double? typicalEpochs)
    {
        var run = folder.Run(directory);
        RunState Ended(RunOutcome outcome) => new(directory, outcome.Status, "", outcome.Epochs, outcome.Epochs, 0);
        if (run.ReadResult() is { } ended) return Ended(ended);

        double perEpoch = history.Count > 0 ? history.Average(m => m.Seconds) : epochSeconds;
        double? eta = (epochs ?? typicalEpochs) is { } total && !double.IsNaN(perEpoch) ? Math.Max(0, total - history.Count) * perEpoch : null;
        var (state, where) = place switch
        {
            { Started: true } => (RunState.Running, place.Where),
            { } => (RunState.Queued, place.Where),
            null when FileLock.Holder(run.LockFile) is { } owner => (RunState.Running, owner.ToString()),
            null when history.Count > 0 => (RunState.Interrupted, ""),
            null => (RunState.NotStarted, ""),
        };
        // It may have ended between the first look at result.json and the lock: then it is not interrupted.
        if (state is RunState.Interrupted or RunState.NotStarted && run.ReadResult() is { } justEnded)
            return Ended(justEnded);
        return new RunState(directory, state, where, history.Count, epochs, eta);
    }
}
