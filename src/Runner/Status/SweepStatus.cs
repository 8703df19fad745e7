using Runner.Results;
using Runner.Files;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Slurm;

namespace Runner.Status;

/// <summary>
/// Every run of a sweep's last plan (sweep.json) and where it stands, read from the results folder
/// alone plus, when Slurm is there, squeue for this sweep's jobs (never sacct: many clusters have no
/// accounting database). A run's own result.json decides whether it ended; a Slurm task that is listed
/// says queued or running; otherwise a held lock says running (with the pid and host it records).
/// </summary>
public static class SweepStatus
{
    public static IReadOnlyList<RunState> Read(ExperimentFolder folder, IReadOnlyList<QueuedJob> queue)
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
        var tasks = TaskOfRun(folder, queue);
        var histories = plan.ToDictionary(d => d, d => folder.Run(d).Epochs.Read());
        var epochSeconds = histories.Values.SelectMany(h => h).Select(m => m.Seconds).DefaultIfEmpty(double.NaN).Average();
        // A run that has not started has no config.yaml yet: it is taken to train as many epochs as the runs that have one.
        var configDirectory = folder.ConfigDirectory();
        var epochs = plan.ToDictionary(d => d, d => EpochsOf(folder.Run(d), configDirectory));
        double? typicalEpochs = epochs.Values.OfType<int>().Select(e => (double)e).DefaultIfEmpty().Average() is var mean and > 0 ? mean : null;
        return plan.Select(d => State(folder, d, histories[d], tasks.GetValueOrDefault(d), epochSeconds, epochs[d], typicalEpochs)).ToList();
    }

    static int? EpochsOf(RunFolder run, string configDirectory) =>
        File.Exists(run.ConfigYaml) ? RunConfig.Read(File.ReadAllText(run.ConfigYaml), configDirectory).Experiment?.Train.Epochs : null;

    static RunState State(ExperimentFolder folder, string directory, IReadOnlyList<Results.EpochMetrics> history, QueuedJob? job,
        double epochSeconds, int? epochs, double? typicalEpochs)
    {
        var run = folder.Run(directory);
        RunState Ended(RunOutcome outcome) => new(directory, outcome.Status, "", outcome.Epochs, outcome.Epochs, 0);
        if (run.ReadResult() is { } ended) return Ended(ended);

        double perEpoch = history.Count > 0 ? history.Average(m => m.Seconds) : epochSeconds;
        double? eta = (epochs ?? typicalEpochs) is { } total && !double.IsNaN(perEpoch) ? Math.Max(0, total - history.Count) * perEpoch : null;
        var (state, where) = job switch
        {
            { State: "RUNNING" or "COMPLETING" } => (RunState.Running, $"job {job.Id} on {job.Node}"),
            { } => (RunState.Queued, $"job {job.Id}, {job.State.ToLowerInvariant()}" + (job.Reason is "None" or "" ? "" : $" ({job.Reason})")),
            null when FileLock.Holder(run.LockFile) is { } owner => (RunState.Running, owner.ToString()),
            null when history.Count > 0 => (RunState.Interrupted, ""),
            null => (RunState.NotStarted, ""),
        };
        // It may have ended between the first look at result.json and the lock: then it is not interrupted.
        if (state is RunState.Interrupted or RunState.NotStarted && run.ReadResult() is { } justEnded)
            return Ended(justEnded);
        return new RunState(directory, state, where, history.Count, epochs, eta);
    }

    /// <summary>Which listed Slurm task trains which run (task i of a submission = line i+1 of its tasks.txt).</summary>
    public static Dictionary<string, QueuedJob> TaskOfRun(ExperimentFolder folder, IReadOnlyList<QueuedJob> queue)
    {
        var byRun = new Dictionary<string, QueuedJob>();
        var submissions = new SlurmJobs(SlurmLauncher.SlurmDirectory(folder)).Read().ToDictionary(s => s.ArrayJob);
        foreach (var job in queue)
            if (job.TaskId is { } task && int.TryParse(task, out var i) && submissions.TryGetValue(job.JobId, out var submission)
                && i >= 0 && i < submission.Runs.Count)
                byRun[submission.Runs[i]] = job;
        return byRun;
    }
}
