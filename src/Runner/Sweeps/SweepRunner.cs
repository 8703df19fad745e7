using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Runner.Config;
using Runner.Data;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.TensorBoard;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Runs a planned sweep into results/&lt;name&gt;/: keeps runs that ended (done, pruned, diverged), retries
/// failed ones, resumes interrupted ones from their checkpoints, keeps a failing run from stopping the
/// others, and shares the work between --jobs threads and --shard processes with a lock per run, so no
/// run is trained twice. A cause that no run could get past (no data, a full disk, a results folder it
/// can't read or write) stops the sweep at once.
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
        var plan = experiment.Runs;
        var order = plan.Select(r => r.DirectoryName).ToList();
        ReportChange(folder, experiment, observer);
        folder.Begin(experiment, options.Jobs, started);
        folder.Runs.MarkPlan(order);

        var mine = plan.Select((run, i) => (run, i)).Where(p => options.Shard?.Takes(p.i) ?? true).ToList();
        int skipped = 0, retried = 0;
        var pending = new ConcurrentQueue<(PlannedRun Run, int Index)>();
        foreach (var (run, i) in mine)
        {
            var ended = folder.Run(run).ReadResult();
            if (ended is not null && !Retries(ended, options))
            {
                // Ended in an earlier invocation: make sure runs.csv has it (a crash may have come in between).
                folder.Runs.Upsert(Record(run, ended), order);
                skipped++;
            }
            else
            {
                if (ended is not null) retried++;
                pending.Enqueue((run, i));
            }
        }
        if (skipped > 0 || retried > 0)
            observer.Message($"{skipped} of {mine.Count} runs already ended; {pending.Count} to go" +
                             (retried > 0 ? $", of which {retried} failed before and will be retried (--no-retry keeps them failed)" : ""));

        TorchThreads.Configure(options.Jobs, plan.FirstOrDefault()?.Experiment.Train.Threads ?? 0);
        var outcomes = new ConcurrentDictionary<int, (PlannedRun, RunOutcome)>();
        var held = new ConcurrentDictionary<int, PlannedRun>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (experiment.Runs.Any(r => r.Experiment.TensorBoard))
            observer = new CompositeObserver(observer, new TensorBoardObserver(experiment, folder));
        var executor = new RunExecutor(registries, observer);
        var pruner = experiment.Runs.FirstOrDefault()?.Experiment.Pruning is { } pruning
            ? new Pruner(pruning, folder, plan) : null;

        void Work()
        {
            while (!stop.IsCancellationRequested && pending.TryDequeue(out var item))
            {
                var (run, index) = item;
                var runFolder = folder.Run(run);
                Directory.CreateDirectory(runFolder.Path);
                using var runLock = FileLock.TryAcquire(runFolder.LockFile, TimeSpan.Zero);
                if (runLock is null)
                {
                    held[index] = run;
                    observer.Message($"{run.Id} is being trained by another process ({FileLock.Holder(runFolder.LockFile)?.ToString() ?? "unknown"}); skipping it");
                    continue;
                }
                var previous = runFolder.ReadResult();
                if (previous is not null && !Retries(previous, options)) continue; // another process ended it meanwhile
                if (previous is not null)
                {
                    observer.Message($"Retrying {run.Id}, which failed: {previous.Reason}");
                    runFolder.ClearResult();
                }

                var outcome = Execute(executor, run, runFolder, pruner, index + 1, plan.Count, previous is not null, stop.Token);
                folder.Runs.Upsert(Record(run, outcome), order);
                outcomes[index] = (run, outcome);
                observer.RunEnded(run, outcome);
                if (options.FailFast && outcome.Status is RunStatus.Failed or RunStatus.Diverged) stop.Cancel();
            }
        }

        // Workers are threads, not tasks: a run owns its thread for minutes and torch calls block.
        // An exception in one (an interruption, a sweep-wide cause) stops the others and is rethrown here.
        ExceptionDispatchInfo? error = null;
        void Guarded()
        {
            try { Work(); }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }
        var workers = Enumerable.Range(0, Math.Max(1, options.Jobs)).Select(_ => new Thread(Guarded) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        error?.Throw();
        cancel.ThrowIfCancellationRequested();

        folder.Finish(experiment, options.Jobs, started, DateTime.UtcNow);
        var ordered = outcomes.OrderBy(o => o.Key).Select(o => o.Value).ToList();
        var entries = mine.Select(p =>
        {
            var runFolder = folder.Run(p.run);
            var result = runFolder.ReadResult();
            return new PlanEntry(p.run, result, result is null ? FileLock.Holder(runFolder.LockFile) : null);
        }).ToList();
        return new SweepResult(ordered, entries, skipped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Failed runs are trained again unless --no-retry; done, pruned and diverged runs are outcomes of their config.</summary>
    static bool Retries(RunOutcome ended, SweepOptions options) => options.RetryFailed && ended.Status == RunStatus.Failed;

    /// <summary>When the experiment changed since the folder last ran it, says what changed and what happens to the old runs.</summary>
    static void ReportChange(ExperimentFolder folder, LoadedExperiment experiment, IRunObserver observer)
    {
        var current = experiment.Runs.Select(r => r.DirectoryName).ToHashSet(StringComparer.Ordinal);
        var earlier = folder.LastPlan().Where(d => !current.Contains(d)).ToList();
        if (earlier.Count == 0) return;
        var before = earlier.Select(d => (Id: RunIdentity.IdOf(d), Yaml: ReadConfig(new RunFolder(Path.Combine(folder.Path, "runs", d)))))
            .Where(r => r.Yaml is not null).ToList();
        var changes = ConfigDiff.Between(before, experiment.Runs.Select(r => (r.Id, (string?)r.ResolvedYaml)).ToList());
        var lines = new List<string> { "The experiment changed since this folder last ran it" + (changes.Count > 0 ? ":" : ".") };
        lines.AddRange(changes.Take(12).Select(c => "  " + c));
        if (changes.Count > 12) lines.Add($"  ... and {changes.Count - 12} more");
        lines.Add($"{earlier.Count} run(s) of the earlier version stay in {folder.Path} (runs.csv marks them 'earlier'); " +
                  "the report describes only the current plan.");
        observer.Message(string.Join(Environment.NewLine, lines));
    }

    static string? ReadConfig(RunFolder run) => File.Exists(run.ConfigYaml) ? File.ReadAllText(run.ConfigYaml) : null;

    RunOutcome Execute(RunExecutor executor, PlannedRun run, RunFolder runFolder, IPruner? pruner, int index, int total,
        bool retry, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var prepared = data.Get(run.Experiment.Data);
            return executor.Execute(run, prepared, runFolder, pruner, index, total, cancel, retry);
        }
        catch (Exception e) when (IsSweepWide(e)) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var outcome = new RunOutcome(RunStatus.Failed, 0, null, null, clock.Elapsed.TotalSeconds, e.Message);
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

    static RunRecord Record(PlannedRun run, RunOutcome outcome) => new(
        run.Id, run.AxisValues, outcome.Status, outcome.Epochs, outcome.Last, outcome.Test,
        run.ModelPlan.TotalParameters, outcome.Seconds, run.Hash, run.DirectoryName, outcome.Reason);
}
