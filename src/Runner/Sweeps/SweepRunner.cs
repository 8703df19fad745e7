using System.Diagnostics;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Racing;
using Runner.TensorBoard;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>The outcome of every run this invocation was responsible for, in plan order.</summary>
public sealed record SweepResult(IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Runs, int Skipped, double WallSeconds)
{
    public IEnumerable<(PlannedRun Run, RunOutcome Outcome)> Failures => Runs.Where(r => !r.Outcome.Succeeded && r.Outcome.Status != RunStatus.Pruned);
}

/// <summary>
/// Runs a planned sweep in this process into results/&lt;name&gt;/: the fixed plan's sweeper picks the
/// runs (skipping those that ended, resuming interrupted ones), the thread launcher trains them on
/// --jobs threads, and a lock per run lets --shard processes and Slurm array tasks share the folder.
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
        // One run of a sweep submitted to Slurm (--only) leaves the sweep's own records to `runner submit`.
        if (options.Only is null) folder.Begin(experiment, options.Jobs, started);
        else Directory.CreateDirectory(folder.Path);

        ISweeper sweeper = experiment.Race is { } race
            ? new RacingSweeper(experiment, folder, race)
            : new FixedPlanSweeper(experiment, folder, options.Selection);
        if (experiment.Runs.Any(r => r.Experiment.TensorBoard))
            observer = new CompositeObserver(observer, new TensorBoardObserver(experiment, folder));
        var execution = new RunExecution(registries, data, folder, sweeper, observer);
        foreach (var run in sweeper.AlreadyEnded) execution.RecordEarlier(run);
        int skipped = sweeper.AlreadyEnded.Count;
        if (skipped > 0 && sweeper is FixedPlanSweeper plan) observer.Message($"{skipped} of {skipped + plan.PendingCount} runs already ended; {plan.PendingCount} to go");
        if (skipped > 0 && sweeper is RacingSweeper) observer.Message($"{skipped} runs of the race already ended; it goes on from the decisions in {DecisionJournal.FileName}");

        TorchThreads.Configure(options.Jobs, experiment.Runs.FirstOrDefault()?.Experiment.Train.Threads ?? 0);
        var outcomes = new ThreadLauncher(options.Jobs, options.FailFast).Launch(sweeper, execution, cancel);

        if (options.Only is null) folder.Finish(experiment, options.Jobs, started, DateTime.UtcNow);
        return new SweepResult(outcomes, skipped, clock.Elapsed.TotalSeconds);
    }
}
