using Runner.Results;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// The end of a sweep invocation: the runs it trained (in plan order), and every run it was responsible
/// for (the plan, or the shard's part of it) as it stands now, including runs skipped this time.
/// </summary>
public sealed record SweepResult(
    IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Runs,
    IReadOnlyList<PlanEntry> Plan,
    int Skipped,
    double WallSeconds)
{
    /// <summary>Runs of the plan that are not done or pruned: failed, diverged, held elsewhere or not started.</summary>
    public IReadOnlyList<PlanEntry> Unfinished => Plan.Where(p => !p.Finished).ToList();

    /// <summary>Runs of this invocation that failed or diverged.</summary>
    public IEnumerable<(PlannedRun Run, RunOutcome Outcome)> Failures =>
        Runs.Where(r => !RunStatus.Finished(r.Outcome.Status));
}

/// <summary>One run of the plan at the end of an invocation: how it ended (null: it has not), and who holds it.</summary>
public sealed record PlanEntry(PlannedRun Run, RunOutcome? Outcome, LockOwner? HeldBy)
{
    public bool Finished => Outcome is { } o && RunStatus.Finished(o.Status);

    /// <summary>done, pruned, failed, diverged, `running (pid 12, host)` or `not finished`.</summary>
    public string State => Outcome?.Status ?? (HeldBy is { } owner ? $"running ({owner})" : "not finished");
}
