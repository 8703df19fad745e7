using Runner.Results;
using System.Diagnostics;
using Runner.Data;
using Runner.Devices;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Threading;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// One run from lock to record, the code every launcher ends in: take the run's lock (so no two
/// threads, processes or nodes train it at once; one held elsewhere is skipped, and said so), skip it if
/// it ended meanwhile (a failed run is retried unless --no-retry), resume it from its checkpoint and
/// train it (the sweeper prunes), record it in runs.csv and report it. A run that throws is recorded as
/// failed; a sweep-wide cause (an interruption, no data, a full disk, a folder it may not use) propagates,
/// since no later run could do better.
/// </summary>
public sealed partial class RunExecution(ComponentRegistries registries, PreparedDataCache data, ExperimentFolder folder,
    ISweeper sweeper, IRunObserver observer, bool retryFailed = true, int jobs = 1)
{
    // Made with the sweep: the first run's thread count sees the load during start-up.
    readonly RunExecutor _executor = new(registries, observer, new TorchThreads(jobs, new MachineLoad(), observer.Message));
    // Asked each time: a search's plan grows as it proposes trials.
    List<string> Order => sweeper.Runs.Select(r => r.DirectoryName).ToList();

    /// <summary>The run's outcome, or null when another process holds it or it had already ended.</summary>
    public RunOutcome? TryRun(PlannedRun run, CancellationToken cancel)
    {
        if (Claim(run) is not { } claim) return null;
        using var _ = claim;
        var outcome = Execute(run, claim.Folder, claim.Retry, cancel);
        Record(run, outcome);
        return outcome;
    }

    /// <summary>A run to train, locked: null when another process holds it or it had already ended.</summary>
    Claimed? Claim(PlannedRun run)
    {
        var runFolder = folder.Run(run);
        Directory.CreateDirectory(runFolder.Path);
        var runLock = FileLock.TryAcquire(runFolder.LockFile, TimeSpan.Zero);
        if (runLock is null)
        {
            observer.Message($"{run.Id} is being trained by another process ({FileLock.Holder(runFolder.LockFile)?.ToString() ?? "unknown"}); skipping it");
            return null;
        }
        var previous = runFolder.ReadResult();
        if (previous is not null && !Retries(previous, retryFailed))
        {
            runLock.Dispose();
            return null; // another process ended it meanwhile
        }
        if (previous is not null)
        {
            observer.Message($"Retrying {run.Id}, which failed: {previous.Reason}");
            runFolder.ClearResult();
        }
        return new Claimed(run, runFolder, runLock, retry: previous is not null);
    }

    /// <summary>A run this process holds the lock of until disposed (more than once is fine).</summary>
    sealed class Claimed(PlannedRun run, RunFolder runFolder, FileLock runLock, bool retry) : IDisposable
    {
        bool _released;
        public PlannedRun Run => run;
        public RunFolder Folder => runFolder;
        public bool Retry => retry;

        public void Dispose()
        {
            if (_released) return;
            _released = true;
            runLock.Dispose();
        }
    }

    /// <summary>Failed runs are trained again unless --no-retry; done, pruned and diverged runs are outcomes of their config.</summary>
    public static bool Retries(RunOutcome ended, bool retryFailed) => retryFailed && ended.Status == RunStatus.Failed;

    /// <summary>
    /// Ends a run that can't go on (for example one a time limit keeps stopping) as failed, with the reason: in its
    /// folder and in runs.csv (in the order of <paramref name="plan"/>). Needs no sweeper: the process is stopping.
    /// </summary>
    public static void Fail(ExperimentFolder folder, IReadOnlyList<PlannedRun> plan, IRunObserver observer, PlannedRun run, string reason)
    {
        var runFolder = folder.Run(run);
        using var runLock = FileLock.Acquire(runFolder.LockFile);
        var history = new MetricsLog(runFolder.MetricsCsv).Read();
        var outcome = new RunOutcome(RunStatus.Failed, history.Count, history.LastOrDefault(), null, history.Sum(m => m.Seconds), reason);
        runFolder.WriteEnd(run, outcome, summary: null);
        folder.Runs.Upsert(RecordOf(run, outcome), plan.Select(r => r.DirectoryName).ToList());
        observer.RunEnded(run, outcome);
    }

    /// <summary>Puts a run that ended in an earlier invocation into runs.csv (a crash may have come in between).</summary>
    public void RecordEarlier(PlannedRun run)
    {
        if (folder.Run(run).ReadResult() is { } ended) folder.Runs.Upsert(RecordOf(run, ended), Order);
    }

    void Record(PlannedRun run, RunOutcome outcome)
    {
        folder.Runs.Upsert(RecordOf(run, outcome), Order);
        observer.RunEnded(run, outcome);
        sweeper.Ended(run, outcome);
    }

    RunOutcome Execute(PlannedRun run, RunFolder runFolder, bool retry, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var prepared = data.Get(run.Experiment.Data, DeviceChoice.Resolve(run.Experiment.Train.Device));
            int index = Order.IndexOf(run.DirectoryName) + 1;
            return _executor.Execute(run, prepared, runFolder, sweeper, index, sweeper.Planned, cancel, retry);
        }
        catch (Exception e) when (IsSweepWide(e)) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var outcome = new RunOutcome(RunStatus.Failed, 0, null, null, clock.Elapsed.TotalSeconds, NativeError.Reason(e));
            runFolder.WriteEnd(run, outcome, summary: null);
            return outcome;
        }
    }

    /// <summary>
    /// Causes no later run could get past: an interruption, a dataset no source can provide, a full disk, a
    /// results folder this process may not read or write. They stop the sweep once, with one message.
    /// </summary>
    static bool IsSweepWide(Exception e) =>
        e is OperationCanceledException or DatasetUnavailableException or UnauthorizedAccessException || DiskSpace.IsFull(e);

    internal static RunRecord RecordOf(PlannedRun run, RunOutcome outcome) => new(
        run.Id, run.AxisValues, outcome.Status, outcome.Epochs, outcome.Last, outcome.Test,
        run.ModelPlan.TotalParameters, PlannedFacts.MemoryMb(run), outcome.Seconds, run.Hash, run.DirectoryName, outcome.Reason);
}
