namespace Runner.Planning.Constraints;

/// <summary>
/// The runs known in advance once the constraints known before training have had their say: which runs stay,
/// how many each constraint removed (`plan` says so), and how many a search drew again in place of infeasible ones.
/// </summary>
public sealed record FeasiblePlan(IReadOnlyList<PlannedRun> Runs, IReadOnlyList<(SweepConstraint Constraint, int Count)> Removed, int Redrawn = 0)
{
    /// <summary>A fixed plan's way (grid, random, Sobol', a race): the infeasible runs are dropped and never trained.</summary>
    public static FeasiblePlan Drop(IReadOnlyList<PlannedRun> runs, SweepConstraints constraints)
    {
        var violated = runs.Select(r => (Run: r, Constraint: constraints.ViolatedBefore(r))).ToList();
        return new FeasiblePlan(violated.Where(v => v.Constraint is null).Select(v => v.Run).ToList(),
            violated.Where(v => v.Constraint is not null).GroupBy(v => v.Constraint!).Select(g => (g.Key, g.Count())).ToList());
    }

    public int RemovedCount => Removed.Sum(r => r.Count);

    /// <summary>What `plan` says about it; nothing when no constraint is known before training.</summary>
    public IEnumerable<string> Describe(SweepConstraints constraints)
    {
        if (!constraints.Any) yield break;
        var before = constraints.Before.Select(c => c.Text).ToList();
        var after = constraints.After.Select(c => c.Text).ToList();
        if (before.Count > 0)
            yield return RemovedCount == 0 && Redrawn == 0
                ? $"Constraints known before training ({string.Join(", ", before)}): every planned run keeps within them"
                : Redrawn > 0
                    ? $"Constraints known before training ({string.Join(", ", before)}): {Redrawn} startup point(s) drawn again in place of infeasible ones; never trained"
                    : $"Constraints known before training: {RemovedCount} point(s) removed from the plan, never trained (" +
                      string.Join("; ", Removed.Select(r => $"{r.Count} with {r.Constraint.Name} {(r.Constraint.AtMost ? "above" : "below")} {r.Constraint.Text.Split(' ')[^1]}")) + ")";
        if (after.Count > 0)
            yield return $"Constraints known after training ({string.Join(", ", after)}): judged when a run ends; " +
                         "a search ranks feasible trials first, and the report marks infeasible runs and leaves them out of the best and the Pareto front";
    }
}
