using CsCheck;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>
/// Multi-objective TPE's split as Optuna 3.1 makes it, checked against an example worked out by hand (both objectives
/// minimised; the hypervolumes are areas of rectangles up to the reference point, each coordinate's worst value x 1.1).
/// </summary>
public sealed class MultiObjectiveSplitTests
{
    //                                 A        B        C        D        E        F
    static readonly double[][] Points = [[1, 5], [2, 3], [4, 1], [3, 4], [5, 5], [2.5, 2.5]];
    static readonly double[] Feasible = [0, 0, 0, 0, 0, 0];

    [Fact]
    public void Ranks_are_the_front_then_the_front_of_the_rest()
    {
        // A, B, C, F: no point beats them on both; D is beaten by B only; E by D too.
        Assert.Equal([0, 0, 0, 1, 2, 0], TpeSplit.NondominationRanks(Points));
    }

    [Fact]
    public void Below_takes_whole_ranks_then_completes_the_last_by_greedy_hypervolume_and_weights_by_contribution()
    {
        // n_below = 3, but rank 0 holds 4 (A, B, C, F): greedy subset selection on rank 0, reference (4.4, 5.5).
        // Alone: A 3.4 x 0.5 = 1.7, B 2.4 x 2.5 = 6.0, C 0.4 x 4.5 = 1.8, F 1.9 x 3.0 = 5.7: B first.
        // Given B: A adds [1,2] x [5,5.5] = 0.5, C adds 0.8, F adds 0.95: F second.
        // Given B and F: A adds 0.5, C adds [4,4.4] x [1,2.5] = 0.6: C third. A, D and E go above.
        var (below, above) = TpeSplit.Split(Points, Feasible, 3);
        Assert.Equal([1, 2, 5], below);
        Assert.Equal([0, 3, 4], above);

        // Weights: B, C, F against reference (4.4, 3.3): the union is 2.27; without B 2.12, without C 1.67, without F 1.52,
        // so contributions 0.15, 0.6, 0.75, divided by the largest.
        var weights = MultiObjectiveWeights.Of(Points, below, Feasible);
        Assert.Equal([0.2, 0.8, 1.0], weights.Select(w => Math.Round(w, 9)));
    }

    [Fact]
    public void Feasible_first_an_infeasible_point_goes_above_however_good_and_the_least_violating_fill_in()
    {
        double[][] points = [.. Points, [0, 0]];   // G: better than all on both objectives, but infeasible
        var (below, above) = TpeSplit.Split(points, [0, 0, 0, 0, 0, 0, 0.5], 3);
        Assert.Equal([1, 2, 5], below);
        Assert.Equal([0, 3, 4, 6], above);

        // Only A and B feasible: below is A, B and the least violating, G (0.5 < C's 1); G's weight is 1e-12.
        double[] violations = [0, 0, 1, 2, 3, 4, 0.5];
        (below, above) = TpeSplit.Split(points, violations, 3);
        Assert.Equal([0, 1, 6], below);
        Assert.Equal([2, 3, 4, 5], above);
        // A and B against (2.2, 5.5): together 1.0; A adds 0.5, B 0.4.
        Assert.Equal([1.0, 0.8, 1e-12], MultiObjectiveWeights.Of(points, below, violations).Select(w => Math.Round(w, 12)));
    }

    [Fact]
    public void One_objective_under_constraints_takes_the_best_feasible_values_in_chronological_order()
    {
        double[][] losses = [[0.3], [0.1], [0.05], [0.2], [0.4]];
        var (below, above) = TpeSplit.Split(losses, [0, 0, 2, 0, 0], 2);
        Assert.Equal([1, 3], below);        // 0.05 is infeasible: the two best feasible are 0.1 and 0.2
        Assert.Equal([0, 2, 4], above);
    }

    /// <summary>Points on a grid of unit cells, the reference a corner: the hypervolume is the number of cells some point covers.</summary>
    [Fact]
    public void The_hypervolume_counts_the_cells_under_the_reference_that_some_point_dominates() =>
        Gen.Int[2, 3].SelectMany(d => Gen.Int[0, 5].Select(v => (double)v).Array[d].Array[1, 12].Select(p => (d, p))).Sample(set =>
        {
            var (d, points) = set;
            var reference = Enumerable.Repeat(6.0, d).ToArray();
            var cells = d == 2
                ? from x in Enumerable.Range(0, 6) from y in Enumerable.Range(0, 6) select new double[] { x, y }
                : from x in Enumerable.Range(0, 6) from y in Enumerable.Range(0, 6) from z in Enumerable.Range(0, 6) select new double[] { x, y, z };
            int covered = cells.Count(c => points.Any(p => p.Zip(c, (a, b) => a <= b).All(ok => ok)));
            Assert.Equal(covered, Hypervolume.Of(points, reference), 9);
        }, iter: 500);
}
