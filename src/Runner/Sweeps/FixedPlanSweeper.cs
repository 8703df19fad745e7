using Runner.Results;
using System.Collections.Concurrent;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// The sweep written in the experiment file (grid, zip, random, repeats), expanded up front: every
/// selected run that has not ended starts, in plan order, and so does a run that failed before (unless
/// <c>retryFailed</c> is false: `--no-retry`). The selection is the whole plan, a
/// `--shard i/n` or the one run of `--only`. Pruning, when configured, judges each run against the
/// others as they stand on disk at that moment.
/// </summary>
public sealed class FixedPlanSweeper : ISweeper
{
    readonly ConcurrentQueue<PlannedRun> _pending = new();
    readonly IPruner? _pruner;

    public FixedPlanSweeper(LoadedExperiment experiment, ExperimentFolder folder, RunSelection selection, bool retryFailed = true)
    {
        Runs = experiment.Runs;
        var ended = new List<PlannedRun>();
        foreach (var run in selection.Apply(Runs))
        {
            var result = folder.Run(run).ReadResult();
            if (result is not null && !RunExecution.Retries(result, retryFailed)) ended.Add(run);
            else
            {
                if (result is not null) Retried++;
                _pending.Enqueue(run);
            }
        }
        AlreadyEnded = ended;
        if (Runs.FirstOrDefault()?.Experiment.Pruning is { } pruning) _pruner = new Pruner(pruning, folder, Runs, DecisionJournal.Open(folder.Path));
    }

    public IReadOnlyList<PlannedRun> Runs { get; }
    public IReadOnlyList<PlannedRun> AlreadyEnded { get; }
    public int PendingCount => _pending.Count;

    /// <summary>How many of the pending runs failed before and are tried again.</summary>
    public int Retried { get; }

    public PlannedRun? Next() => _pending.TryDequeue(out var run) ? run : null;

    public void Ended(PlannedRun run, RunOutcome outcome) { } // a fixed plan doesn't change with results

    public string? Check(PlannedRun run, EpochMetrics metrics) => _pruner?.Check(run, metrics);
}
