using System.Diagnostics;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// One run from lock to record, the code every launcher ends in: take the run's lock (so no two
/// threads, processes or nodes train it at once), skip it if it ended meanwhile, resume it from its
/// checkpoint and train it (the sweeper prunes), record it in runs.csv and report it. A run that throws
/// is recorded as failed; an interruption or a full disk propagates, since no later run could do better.
/// </summary>
public sealed class RunExecution(ComponentRegistries registries, PreparedDataCache data, ExperimentFolder folder,
    ISweeper sweeper, IRunObserver observer)
{
    readonly RunExecutor _executor = new(registries, observer);
    readonly List<string> _order = sweeper.Runs.Select(r => r.DirectoryName).ToList();

    /// <summary>The run's outcome, or null when another process holds it or it had already ended.</summary>
    public RunOutcome? TryRun(PlannedRun run, CancellationToken cancel)
    {
        var runFolder = folder.Run(run);
        Directory.CreateDirectory(runFolder.Path);
        using var runLock = FileLock.TryAcquire(LockPath(runFolder), TimeSpan.Zero);
        if (runLock is null || runFolder.ReadResult() is not null) return null;

        var outcome = Execute(run, runFolder, cancel);
        Record(run, outcome);
        return outcome;
    }

    /// <summary>Ends a run that can't go on (for example one a time limit keeps stopping) as failed, with the reason.</summary>
    public void Fail(PlannedRun run, string reason)
    {
        var runFolder = folder.Run(run);
        using var runLock = FileLock.Acquire(LockPath(runFolder));
        var history = new MetricsLog(runFolder.MetricsCsv).Read();
        var outcome = new RunOutcome(RunStatus.Failed, history.Count, history.LastOrDefault(), null, history.Sum(m => m.Seconds), reason);
        runFolder.WriteEnd(run, outcome, summary: null);
        Record(run, outcome);
    }

    /// <summary>Puts a run that ended in an earlier invocation into runs.csv (a crash may have come in between).</summary>
    public void RecordEarlier(PlannedRun run)
    {
        if (folder.Run(run).ReadResult() is { } ended) folder.Runs.Upsert(RecordOf(run, ended), _order);
    }

    static string LockPath(RunFolder runFolder) => Path.Combine(runFolder.Path, ".lock");

    void Record(PlannedRun run, RunOutcome outcome)
    {
        folder.Runs.Upsert(RecordOf(run, outcome), _order);
        observer.RunEnded(run, outcome);
        sweeper.Ended(run, outcome);
    }

    RunOutcome Execute(PlannedRun run, RunFolder runFolder, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var prepared = data.Get(run.Experiment.Data);
            int index = _order.IndexOf(run.DirectoryName) + 1;
            return _executor.Execute(run, prepared, runFolder, sweeper, index, _order.Count, cancel);
        }
        catch (OperationCanceledException) { throw; }
        catch (IOException e) when (DiskSpace.IsFull(e)) { throw; } // no later run could write either
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var outcome = new RunOutcome(RunStatus.Failed, 0, null, null, clock.Elapsed.TotalSeconds, e.Message);
            runFolder.WriteEnd(run, outcome, summary: null);
            return outcome;
        }
    }

    static RunRecord RecordOf(PlannedRun run, RunOutcome outcome) => new(
        run.Id, run.AxisValues, outcome.Status, outcome.Epochs, outcome.Last, outcome.Test,
        run.ModelPlan.TotalParameters, outcome.Seconds, run.Hash, run.DirectoryName, outcome.Reason);
}
