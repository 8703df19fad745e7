using Runner.Text;
using Runner.Results;
using System.Diagnostics;
using Runner.Config;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Sweeps.Methods;
using Runner.TensorBoard;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Runs a planned sweep in this process into results/&lt;name&gt;/: the sweeper of its method
/// (<see cref="SweepMethods"/>) picks the runs (keeping those that ended, retrying failed ones, resuming interrupted ones), the in-process
/// launcher trains them on --jobs threads, and a lock per run lets --shard processes and Slurm array tasks share
/// the folder. When the experiment changed since the folder last ran it, it says what changed.
/// </summary>
public sealed class SweepRunner(ComponentRegistries registries, PreparedDataCache data, IRunObserver screen)
{
    public SweepResult Run(LoadedExperiment experiment, SweepOptions options, CancellationToken cancel)
    {
        var observer = screen;
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        if (options.Fresh && folder.Archive() is { } archived) observer.Message($"Archived the previous results to {archived}");
        var method = SweepMethods.Of(experiment);
        var sweeper = method.Sweeper(experiment, folder, options, registries);
        // The plan as known now: a search's trials proposed so far (the rest are added as it proposes them).
        var known = experiment with { Runs = sweeper.Runs };
        // One run of a sweep submitted to Slurm (--only) leaves the sweep's own records to `runner submit`.
        if (options.Only is null)
        {
            ReportChange(folder, known, observer);
            folder.Begin(known, options.Jobs, started);
            folder.Runs.MarkPlan(known.Runs.Select(r => r.DirectoryName).ToList());
        }
        else Directory.CreateDirectory(folder.Path);

        if (experiment.Runs.Any(r => r.Experiment.TensorBoard))
            observer = new CompositeObserver(observer, new TensorBoardObserver(experiment, folder));
        var execution = new RunExecution(registries, data, folder, sweeper, observer, options.RetryFailed, options.Jobs);
        foreach (var run in sweeper.AlreadyEnded) execution.RecordEarlier(run);
        int skipped = sweeper.AlreadyEnded.Count;
        if (method.Resumed(sweeper) is { } resumed) observer.Message(resumed);

        TimeTrace.Mark("sweep: launching");
        var outcomes = Launchers.SweepLaunchers.InProcess.Launch(sweeper, execution, options, cancel);

        // The plan recorded is the runs the sweep needed (a race's eliminated seeds never run).
        var ran = experiment with { Runs = sweeper.Needed };
        if (options.Only is null) folder.Finish(ran, options.Jobs, started, DateTime.UtcNow);
        var plan = options.Selection.Apply(ran.Runs).Select(run =>
        {
            var runFolder = folder.Run(run);
            var result = runFolder.ReadResult();
            return new PlanEntry(run, result, result is null ? FileLock.Holder(runFolder.LockFile) : null);
        }).ToList();
        return new SweepResult(outcomes, plan, skipped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Refuses, writing nothing, a decision journal the sweep's method could not go on from (`plan` and `submit` ask before `run` would).</summary>
    public static void CheckDecisions(LoadedExperiment experiment, ExperimentFolder folder) =>
        SweepMethods.Of(experiment).CheckJournal(experiment, folder);

    /// <summary>When the experiment changed since the folder last ran it, says what changed and what happens to the old runs.</summary>
    static void ReportChange(ExperimentFolder folder, LoadedExperiment experiment, IRunObserver observer)
    {
        if (ChangeLines(folder, experiment) is { Count: > 0 } lines) observer.Message(string.Join(Environment.NewLine, lines));
    }

    /// <summary>What changed since the folder last ran the experiment and what happens to the old runs (`plan` says it too); empty when nothing did.</summary>
    public static IReadOnlyList<string> ChangeLines(ExperimentFolder folder, LoadedExperiment experiment)
    {
        var current = experiment.Runs.Select(r => r.DirectoryName).ToHashSet(StringComparer.Ordinal);
        var earlier = folder.LastPlan().Where(d => !current.Contains(d)).ToList();
        if (earlier.Count == 0) return [];
        var before = earlier.Select(d => (Id: RunIdentity.IdOf(d), Yaml: ReadConfig(folder.Run(d))))
            .Where(r => r.Yaml is not null).ToList();
        var changes = ConfigDiff.Between(before, experiment.Runs.Select(r => (r.Id, (string?)r.ResolvedYaml)).ToList());
        var lines = new List<string> { "The experiment changed since this folder last ran it" + (changes.Count > 0 ? ":" : ".") };
        lines.AddRange(changes.Take(12).Select(c => "  " + c));
        if (changes.Count > 12) lines.Add($"  ... and {changes.Count - 12} more");
        lines.Add($"{earlier.Count} run(s) of the earlier version stay in {folder.Path} (runs.csv marks them 'earlier'); " +
                  "the report describes only the current plan.");
        return lines;
    }

    static string? ReadConfig(RunFolder run) => File.Exists(run.ConfigYaml) ? File.ReadAllText(run.ConfigYaml) : null;
}
