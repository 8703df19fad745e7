using Runner.Results;
using System.Collections.Concurrent;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Training;

namespace Runner.Sweeps.Methods.FixedPlan;

/// <summary>
/// The sweep written in the experiment file (grid, zip, random, repeats), expanded up front: every
/// selected run that has not ended starts, in plan order, and so does a run that failed before (unless
/// <c>retryFailed</c> is false: `--no-retry`). The selection is the whole plan, a
/// `--shard i/n` or the one run of `--only`. Pruning, when configured, judges each run against the
/// others as they stand on disk at that moment. With a <c>fusion</c> planner, the pending runs of one
/// shape are handed out as fused arrays: <see cref="Next"/> gives the first run of a group, and
/// <see cref="GroupOf"/> names the rest, which Next then skips.
/// </summary>
public sealed class FixedPlanSweeper : ISweeper
{
    readonly ConcurrentQueue<PlannedRun> _pending = new();
    readonly IPruner? _pruner;

    readonly HashSet<string> _taken = [];

    public FixedPlanSweeper(LoadedExperiment experiment, ExperimentFolder folder, RunSelection selection, bool retryFailed = true,
        Func<IReadOnlyList<PlannedRun>, FusedGroupPlan>? fusion = null)
    {
        Runs = experiment.Runs;
        var (pending, ended, retried) = selection.Split(experiment, folder, retryFailed);
        foreach (var run in pending) _pending.Enqueue(run);
        AlreadyEnded = ended;
        Retried = retried;
        Fusion = fusion?.Invoke(_pending.ToList()) ?? FusedGroupPlan.None;
        if (Runs.FirstOrDefault()?.Experiment.Pruning is { } pruning) _pruner = new Pruner(pruning, folder, Runs, DecisionJournal.Open(folder.Path));
    }

    public IReadOnlyList<PlannedRun> Runs { get; }
    public IReadOnlyList<PlannedRun> AlreadyEnded { get; }
    public int PendingCount => _pending.Count;

    /// <summary>How many of the pending runs failed before and are tried again.</summary>
    public int Retried { get; }

    /// <summary>The fused arrays of the pending runs (none without a fusion planner).</summary>
    public FusedGroupPlan Fusion { get; }

    public PlannedRun? Next()
    {
        while (_pending.TryDequeue(out var run))
        {
            lock (_taken)
            {
                if (!_taken.Add(run.DirectoryName)) continue; // trained with its array
                foreach (var member in Fusion.GroupOf(run) ?? []) _taken.Add(member.DirectoryName);
            }
            return run;
        }
        return null;
    }

    /// <summary>The fused array <paramref name="run"/> (as Next gave it) trains with, itself first; null when it trains alone.</summary>
    public IReadOnlyList<PlannedRun>? GroupOf(PlannedRun run) =>
        Fusion.GroupOf(run) is { } group ? [run, .. group.Where(r => r.DirectoryName != run.DirectoryName)] : null;

    public void Ended(PlannedRun run, RunOutcome outcome) { } // a fixed plan doesn't change with results

    public string? Check(PlannedRun run, EpochMetrics metrics) => _pruner?.Check(run, metrics);
}
