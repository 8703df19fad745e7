using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Runner.Devices;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.TensorBoard;
using Runner.Threading;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>The outcome of every run this invocation was responsible for, in plan order.</summary>
public sealed record SweepResult(IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Runs, int Skipped, double WallSeconds)
{
    public IEnumerable<(PlannedRun Run, RunOutcome Outcome)> Failures => Runs.Where(r => !r.Outcome.Succeeded && r.Outcome.Status != RunStatus.Pruned);
}

/// <summary>
/// Runs a planned sweep into results/&lt;name&gt;/: skips runs that already ended, resumes interrupted
/// ones from their checkpoints, keeps a failing run from stopping the others, and shares the work
/// between --jobs threads and --shard processes with a lock per run, so no run is trained twice.
/// </summary>
public sealed class SweepRunner(ComponentRegistries registries, PreparedDataCache data, IRunObserver screen)
{
    public SweepResult Run(LoadedExperiment experiment, SweepOptions options, CancellationToken cancel)
    {
        var observer = screen;
        var clock = Stopwatch.StartNew();
        var load = new MachineLoad();   // from now on: the first run's thread count sees the load during start-up
        var started = DateTime.UtcNow;
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        if (options.Fresh && folder.Archive() is { } archived) observer.Message($"Archived the previous results to {archived}");
        folder.Begin(experiment, options.Jobs, started);

        var plan = experiment.Runs;
        var order = plan.Select(r => r.DirectoryName).ToList();
        var mine = plan.Select((run, i) => (run, i)).Where(p => options.Shard?.Takes(p.i) ?? true).ToList();
        int skipped = 0;
        var pending = new ConcurrentQueue<(PlannedRun Run, int Index)>();
        foreach (var (run, i) in mine)
        {
            if (folder.Run(run).ReadResult() is { } ended)
            {
                // Ended in an earlier invocation: make sure runs.csv has it (a crash may have come in between).
                folder.Runs.Upsert(Record(run, ended), order);
                skipped++;
            }
            else pending.Enqueue((run, i));
        }
        if (skipped > 0) observer.Message($"{skipped} of {mine.Count} runs already ended; {pending.Count} to go");

        var outcomes = new ConcurrentDictionary<int, (PlannedRun, RunOutcome)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (experiment.Runs.Any(r => r.Experiment.TensorBoard))
            observer = new CompositeObserver(observer, new TensorBoardObserver(experiment, folder));
        var executor = new RunExecutor(registries, observer, new TorchThreads(options.Jobs, load, observer.Message));
        var pruner = experiment.Runs.FirstOrDefault()?.Experiment.Pruning is { } pruning
            ? new Pruner(pruning, folder, plan) : null;

        void Work()
        {
            while (!stop.IsCancellationRequested && pending.TryDequeue(out var item))
            {
                var (run, index) = item;
                var runFolder = folder.Run(run);
                Directory.CreateDirectory(runFolder.Path);
                using var runLock = FileLock.TryAcquire(Path.Combine(runFolder.Path, ".lock"), TimeSpan.Zero);
                if (runLock is null || runFolder.ReadResult() is not null) continue; // another process has it

                var outcome = Execute(executor, run, runFolder, pruner, index + 1, plan.Count, stop.Token);
                folder.Runs.Upsert(Record(run, outcome), order);
                outcomes[index] = (run, outcome);
                observer.RunEnded(run, outcome);
                if (options.FailFast && outcome.Status is RunStatus.Failed or RunStatus.Diverged) stop.Cancel();
            }
        }

        // Workers are threads, not tasks: a run owns its thread for minutes and torch calls block.
        // An exception in one (an interruption, a data error) stops the others and is rethrown here.
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
        return new SweepResult(ordered, skipped, clock.Elapsed.TotalSeconds);
    }

    RunOutcome Execute(RunExecutor executor, PlannedRun run, RunFolder runFolder, IPruner? pruner, int index, int total, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var prepared = data.Get(run.Experiment.Data, DeviceChoice.Resolve(run.Experiment.Train.Device));
            return executor.Execute(run, prepared, runFolder, pruner, index, total, cancel);
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

    static RunRecord Record(PlannedRun run, RunOutcome outcome) => new(
        run.Id, run.AxisValues, outcome.Status, outcome.Epochs, outcome.Last, outcome.Test,
        run.ModelPlan.TotalParameters, outcome.Seconds, run.Hash, run.DirectoryName, outcome.Reason);
}
