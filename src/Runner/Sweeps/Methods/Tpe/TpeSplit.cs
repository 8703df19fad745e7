using Runner.Reporting.Pareto;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// Which observations make TPE's good density l(x) ("below") and which the bad g(x) ("above"), as Optuna 3.1's
/// `_split_observation_pairs` splits them when there are constraints or several objectives:
/// - feasible first: observations are ordered by their violation (<see cref="Observation.Violation"/>; a bad one,
///   pruned, failed or pending, as infinitely infeasible); when fewer than n_below+1 are feasible, below is the n_below
///   least violating; else below holds feasible observations only and every infeasible one goes above;
/// - among feasible ones with one objective, the best n_below by value; with several, whole nondominated ranks
///   (rank 0: the front) while they fit, the rest of the last rank chosen by greedy hypervolume subset selection;
/// - with several objectives, below's observations are weighted by their hypervolume contribution
///   (<see cref="MultiObjectiveWeights"/>).
/// Both sets keep chronological order (Optuna sorts the indices), which the observation weights depend on.
/// </summary>
public static class TpeSplit
{
    /// <param name="losses">Per observation its objectives turned to minimisation (null: a bad observation).</param>
    /// <param name="violations">Per observation its violation, 0 when feasible (a bad one: +infinity).</param>
    public static (int[] Below, int[] Above) Split(IReadOnlyList<double[]?> losses, IReadOnlyList<double> violations, int nBelow)
    {
        int n = losses.Count;
        nBelow = Math.Min(nBelow, n);
        var byViolation = Enumerable.Range(0, n).OrderBy(i => violations[i]).ToArray(); // stable, as numpy's kind="stable"
        if (nBelow >= n || violations[byViolation[nBelow]] > 0)
            return (byViolation.Take(nBelow).Order().ToArray(), byViolation.Skip(nBelow).Order().ToArray());
        var feasible = Enumerable.Range(0, n).Where(i => violations[i] == 0).ToArray();
        var below = SplitFeasible(feasible.Select(i => losses[i]!).ToList(), nBelow).Select(k => feasible[k]).ToHashSet();
        return (below.Order().ToArray(), Enumerable.Range(0, n).Where(i => !below.Contains(i)).ToArray());
    }

    /// <summary>The positions (in <paramref name="losses"/>) of the n_below best feasible observations.</summary>
    static IEnumerable<int> SplitFeasible(IReadOnlyList<double[]> losses, int nBelow)
    {
        if (losses[0].Length == 1) return Enumerable.Range(0, losses.Count).OrderBy(i => losses[i][0]).Take(nBelow);
        var ranks = NondominationRanks(losses);
        var below = new List<int>();
        int rank = 0;
        while (below.Count < nBelow && below.Count + ranks.Count(r => r == rank) <= nBelow)
        {
            below.AddRange(Enumerable.Range(0, losses.Count).Where(i => ranks[i] == rank));
            rank++;
        }
        int subset = nBelow - below.Count;
        if (subset > 0)
        {
            var last = Enumerable.Range(0, losses.Count).Where(i => ranks[i] == rank).ToArray();
            var points = last.Select(i => losses[i]).ToList();
            below.AddRange(GreedySubset(points, subset, ReferencePoint(points)).Select(k => last[k]));
        }
        return below;
    }

    /// <summary>Rank 0 is the nondominated set, rank 1 what is nondominated once it is removed, and so on.</summary>
    public static int[] NondominationRanks(IReadOnlyList<double[]> losses)
    {
        var minimize = Enumerable.Repeat(false, losses[0].Length).ToArray();
        var ranks = Enumerable.Repeat(-1, losses.Count).ToArray();
        for (int rank = 0; ranks.Contains(-1); rank++)
        {
            var open = Enumerable.Range(0, losses.Count).Where(i => ranks[i] == -1).ToList();
            foreach (var i in open.Where(i => !open.Any(j => ParetoFront.Dominates(losses[j], losses[i], minimize))).ToList())
                ranks[i] = rank;
        }
        return ranks;
    }

    /// <summary>Optuna's reference point: each coordinate's worst value, 10% further out (0 becomes 1e-12).</summary>
    public static double[] ReferencePoint(IReadOnlyList<double[]> points) =>
        Enumerable.Range(0, points[0].Length).Select(k => points.Max(p => p[k])).Select(w => Math.Max(1.1 * w, 0.9 * w) is var r && r == 0 ? Eps : r).ToArray();

    public const double Eps = 1e-12;

    /// <summary>
    /// Optuna 3.1's greedy hypervolume subset selection (`_solve_hssp`): repeatedly take the point with the largest
    /// contribution, and lower each other point's by what the chosen one already covers of it.
    /// </summary>
    static IEnumerable<int> GreedySubset(IReadOnlyList<double[]> points, int size, double[] reference)
    {
        var contributions = points.Select(p => Hypervolume.Of([p], reference)).ToArray();
        var taken = new bool[points.Count];
        var selected = new List<IReadOnlyList<double>>();
        double selectedVolume = 0;
        for (int s = 0; s < size; s++)
        {
            int best = Enumerable.Range(0, points.Count).Where(i => !taken[i]).MaxBy(i => contributions[i]);
            taken[best] = true;
            for (int j = 0; j < points.Count; j++)
            {
                if (taken[j]) continue;
                var overlap = points[best].Zip(points[j], Math.Max).ToArray();
                contributions[j] -= Hypervolume.Of([.. selected, overlap], reference) - selectedVolume;
            }
            selected.Add(points[best]);
            selectedVolume = Hypervolume.Of(selected, reference);
            yield return best;
        }
    }
}

/// <summary>
/// Optuna 3.1's weights of the "below" observations with several objectives: each feasible one's share of the
/// hypervolume (the volume lost without it, plus 1e-12), divided by the largest share; an infeasible one 1e-12;
/// a lone one 1. The reference point is the feasible below set's worst corner, 10% further out.
/// </summary>
public static class MultiObjectiveWeights
{
    public static double[] Of(IReadOnlyList<double[]?> losses, IReadOnlyList<int> below, IReadOnlyList<double> violations)
    {
        var weights = below.Select(_ => TpeSplit.Eps).ToArray();
        var feasible = Enumerable.Range(0, below.Count).Where(k => violations[below[k]] == 0).ToArray();
        var points = feasible.Select(k => (IReadOnlyList<double>)losses[below[k]]!).ToList();
        if (points.Count == 1) weights[feasible[0]] = 1;
        if (points.Count <= 1) return weights;
        var reference = TpeSplit.ReferencePoint(points.Select(p => p.ToArray()).ToList());
        double all = Hypervolume.Of(points, reference);
        var contributions = points.Select((_, i) => all - Hypervolume.Of(points.Where((_, j) => j != i).ToList(), reference) + TpeSplit.Eps).ToArray();
        double max = contributions.Max();
        for (int i = 0; i < feasible.Length; i++) weights[feasible[i]] = Math.Clamp(contributions[i] / max, 0, 1);
        return weights;
    }
}
