using Runner.Planning;
using Runner.Planning.Constraints;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// A search under constraints known before training (`parameters &lt;= 50000`): a point that breaks one is never
/// trained. A startup trial's point is drawn again (random draws of the trial's own further streams), and so is a
/// TPE proposal (TPE's own draws from further streams first, then random ones): the trial keeps its number, and the
/// journal holds only the feasible point, so a resumed search makes the same decisions. Each point TPE drew and
/// could not train joins that proposal's observations as a bad one (in g(x)): TPE favours the space it has not
/// seen, and without this it would keep drawing from an infeasible region no trial can ever explore.
/// </summary>
public static class TpeFeasibility
{
    /// <summary>How many draws a trial gets before the search gives up on the space (it would be almost all infeasible).</summary>
    public const int MaxDraws = 200;

    /// <summary>The startup trials, each infeasible one replaced by its first feasible redraw.</summary>
    public static FeasiblePlan StartupTrials(TpeSearch search, IReadOnlyList<PlannedRun> runs, SweepConstraints constraints)
    {
        var space = search.Spec.Space.Dimensions;
        var kept = new List<PlannedRun>();
        int redrawn = 0;
        foreach (var run in runs)
        {
            if (constraints.ViolatedBefore(run) is null) { kept.Add(run); continue; }
            int trial = TpeSpec.TrialOf(run);
            var feasible = Enumerable.Range(1, MaxDraws)
                .Select(attempt => search.PlanTrial(trial, search.Spec.Space.Mask(RandomTrial.Point(space, RandomTrial.Generator(search.Spec.Seed, trial - 1, attempt)))))
                .FirstOrDefault(r => constraints.ViolatedBefore(r) is null);
            if (feasible is null) return new FeasiblePlan([], [(constraints.ViolatedBefore(run)!, runs.Count)]);
            kept.Add(feasible);
            redrawn++;
        }
        return new FeasiblePlan(kept, [], redrawn);
    }

    /// <summary>A later trial: TPE's proposal, drawn again while it breaks a constraint known before training; how many draws it took.</summary>
    public static (PlannedRun Run, int Draws) Propose(TpeSearch search, TpeSampler sampler, int trial, IReadOnlyList<Observation> observations,
        SweepConstraints constraints)
    {
        var space = search.Spec.Space.Dimensions;
        var seen = observations.ToList();
        for (int attempt = 0; attempt < 2 * MaxDraws; attempt++)
        {
            var point = attempt < MaxDraws
                ? sampler.Propose(trial - 1, seen, attempt)
                : search.Spec.Space.Mask(RandomTrial.Point(space, RandomTrial.Generator(search.Spec.Seed, trial - 1, attempt)));
            var run = search.PlanTrial(trial, point);
            if (constraints.ViolatedBefore(run) is null) return (run, attempt + 1);
            seen.Add(new Observation(point, null));
        }
        throw new InvalidOperationException($"TPE found no point within {string.Join(" and ", constraints.Before.Select(c => c.Text))} " +
                                            $"in {2 * MaxDraws} draws for trial {trial}; loosen the constraint or narrow the space");
    }
}
