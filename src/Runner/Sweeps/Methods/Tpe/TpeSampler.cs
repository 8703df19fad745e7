using Runner.Planning;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>A trial's point (per dimension: a value, or a choice index) and its metric; null when it counts as bad (pruned, diverged, failed, or pending under the constant liar).</summary>
public sealed record Observation(IReadOnlyList<double> Point, double? Value)
{
    /// <summary>A multi-objective search's values, in its objectives' order; null when the trial counts as bad.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>How far the trial lies outside the constraints known after training (their excesses summed); 0 when feasible.</summary>
    public double Violation { get; init; }
}

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate as Optuna's TPESampler
/// defaults: the first <c>startup</c> trials (0-based trial &lt; startup) are drawn at random; after them the observations are
/// ranked (best first, bad ones last) and the best gamma(n) = min(ceil(0.1 n), 25) form the good
/// density l(x), the rest the bad density g(x), per dimension (<see cref="ParzenEstimator"/>); 24
/// candidates are drawn from l and the one with the largest log l(x) - log g(x) is proposed.
/// Pending trials enter as bad observations (the constant liar), so parallel workers don't propose
/// the same point. Trial k draws from a generator seeded by (seed, k) only, so the same seed and the
/// same observations give the same proposal.
/// </summary>
/// <remarks>
/// A conditional space (<paramref name="conditions"/>) is searched as Optuna 3.1's default TPESampler (independent,
/// `multivariate=False`) searches a define-by-run space: the observations are split into good and bad over all
/// trials, then each parameter is proposed, parents first, only where its branch is taken, from the good and bad
/// trials that have it (a trial without it is left out of that parameter's densities); a parameter whose branch is
/// not taken is NaN. Optuna's `group=True` (multivariate TPE over each group of parameters that occur together)
/// needs the multivariate estimator, which this sampler doesn't have.
/// </remarks>
/// <param name="startupPoint">Startup trial k's point (the spec's startup sampler); null: random, as above.</param>
/// <param name="conditions">When each dimension is active (null: always); null for a space without conditions.</param>
public sealed class TpeSampler(IReadOnlyList<SearchDimension> space, int startup, ulong seed, bool maximize, int candidates = 24,
    Func<int, IReadOnlyList<double>>? startupPoint = null, IReadOnlyList<SpaceCondition?>? conditions = null)
{
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>Multi-objective TPE (Optuna 3.1's): each objective's direction, <see cref="Observation.Values"/> in this
    /// order; null for one objective (<see cref="Observation.Value"/> in the sampler's direction).</summary>
    public IReadOnlyList<bool>? Objectives { get; init; }

    /// <summary>Whether observations carry violations of constraints known after training, ranked feasible first.</summary>
    public bool Constrained { get; init; }

    /// <param name="attempt">0 for the proposal; 1, 2, ... draw again from other streams (the last proposal broke a
    /// constraint known before training, so it can't be trained).</param>
    public IReadOnlyList<double> Propose(int trial, IReadOnlyList<Observation> observations, int attempt = 0)
    {
        var random = RandomTrial.Generator(seed, trial, attempt);
        if (trial < startup) return attempt == 0 && startupPoint is not null ? startupPoint(trial) : Masked(RandomTrial.Point(space, random));

        var (below, above, belowWeights) = Objectives is null && !Constrained ? RankedSplit(observations) : OptunaSplit(observations);
        var point = new double[space.Count];
        for (int d = 0; d < space.Count; d++)
        {
            if (conditions?[d] is { } when && !when.Holds(point))
            {
                point[d] = double.NaN;
                continue;
            }
            // Only the trials that have the parameter (all of them, in a space without conditions) make its densities.
            var has = Enumerable.Range(0, below.Count).Where(i => !double.IsNaN(below[i].Point[d])).ToList();
            var l = new ParzenEstimator(space[d], has.Select(i => below[i].Point[d]).ToList(), belowWeights is null ? null : has.Select(i => belowWeights[i]).ToList());
            var g = new ParzenEstimator(space[d], above.Select(o => o.Point[d]).Where(v => !double.IsNaN(v)).ToList());
            double bestScore = double.NegativeInfinity, best = 0;
            for (int c = 0; c < candidates; c++)
            {
                double x = l.Sample(random);
                double score = l.LogDensity(x) - g.LogDensity(x);
                if (score > bestScore) (bestScore, best) = (score, x);
            }
            point[d] = best;
        }
        return point;
    }

    IReadOnlyList<double> Masked(IReadOnlyList<double> point) => conditions is null ? point : SpaceCondition.Mask(conditions, point);

    /// <summary>One objective, no constraints: the finished trials best first, the bad ones after them.</summary>
    (List<Observation> Below, List<Observation> Above, double[]? Weights) RankedSplit(IReadOnlyList<Observation> observations)
    {
        var ranked = observations.Where(o => o.Value is not null).OrderBy(o => maximize ? -o.Value!.Value : o.Value!.Value)
            .Concat(observations.Where(o => o.Value is null)).ToList();
        int good = Math.Max(1, Gamma(ranked.Count));
        return (ranked.Take(good).ToList(), ranked.Skip(good).ToList(), null);
    }

    /// <summary>Several objectives or constraints: Optuna's split (<see cref="TpeSplit"/>), the bad trials as infinitely infeasible.</summary>
    (List<Observation> Below, List<Observation> Above, double[]? Weights) OptunaSplit(IReadOnlyList<Observation> observations)
    {
        var directions = Objectives ?? [maximize];
        var losses = observations.Select(o => (Objectives is null ? (o.Value is { } v ? [v] : null) : o.Values?.ToArray()) is { } values
            ? values.Select((v, k) => directions[k] ? -v : v).ToArray() : null).ToList();
        var violations = observations.Select((o, i) => losses[i] is null ? double.PositiveInfinity : o.Violation).ToList();
        var (below, above) = TpeSplit.Split(losses, violations, Math.Max(1, Gamma(observations.Count)));
        var weights = Objectives is null ? null : MultiObjectiveWeights.Of(losses, below, violations);
        return (below.Select(i => observations[i]).ToList(), above.Select(i => observations[i]).ToList(), weights);
    }
}

/// <summary>The sampler of a `tpe:` section (the search's space, startup and seed) in the given direction.</summary>
public static class TpeSpecSampler
{
    public static TpeSampler Sampler(this TpeSpec spec, bool maximize, IReadOnlyList<bool>? objectives = null, bool constrained = false) =>
        new(spec.Space.Dimensions, spec.Startup, spec.Seed, maximize, startupPoint: spec.StartupPoint,
            conditions: spec.Space.Conditional ? spec.Space.Conditions : null)
            { Objectives = objectives, Constrained = constrained };
}
