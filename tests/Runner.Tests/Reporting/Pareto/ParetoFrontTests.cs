using CsCheck;
using Runner.Reporting.Pareto;

namespace Runner.Tests.Reporting.Pareto;

public sealed class ParetoFrontTests
{
    /// <summary>Up to 25 points of 2 or 3 objectives on a coarse grid (so ties and duplicates happen), each objective max or min.</summary>
    static readonly Gen<(double[][] Points, bool[] Maximize)> Sets =
        from d in Gen.Int[2, 3]
        from maximize in Gen.Bool.Array[d]
        from points in Gen.Int[0, 4].Select(v => (double)v).Array[d].Array[0, 25]
        select (points, maximize);

    static bool[] Front(double[][] points, bool[] maximize) => ParetoFront.NonDominated(points, maximize);

    [Fact]
    public void No_point_on_the_front_is_dominated_and_every_other_point_is_dominated_by_one_on_it() =>
        Sets.Sample(set =>
        {
            var (points, maximize) = set;
            var front = Front(points, maximize);
            for (int i = 0; i < points.Length; i++)
            {
                bool dominatedByAny = points.Any(q => Better(q, points[i], maximize));
                Assert.Equal(!dominatedByAny, front[i]);
                if (!front[i]) Assert.Contains(points.Where((_, j) => front[j]), q => Better(q, points[i], maximize));
            }
        }, iter: 2_000);

    [Fact]
    public void The_front_does_not_depend_on_the_order_of_the_points_or_on_writing_min_as_max_of_the_negated() =>
        Sets.Sample(set =>
        {
            var (points, maximize) = set;
            var front = Front(points, maximize);
            Assert.Equal(front.Reverse(), Front(points.Reverse().ToArray(), maximize));
            var negated = points.Select(p => p.Select((v, k) => maximize[k] ? v : -v).ToArray()).ToArray();
            Assert.Equal(front, Front(negated, maximize.Select(_ => true).ToArray()));
        }, iter: 1_000);

    [Fact]
    public void Equal_points_both_stay_and_a_point_better_on_one_objective_only_is_kept()
    {
        double[][] points = [[0.9, 1000], [0.9, 1000], [0.8, 500], [0.8, 600], [0.95, 5000]];
        Assert.Equal([true, true, true, false, true], Front(points, [true, false]));
    }

    /// <summary>The definition, written out: at least as good everywhere and strictly better somewhere.</summary>
    static bool Better(double[] a, double[] b, bool[] maximize)
    {
        var oriented = maximize.Select((max, k) => max ? a[k] - b[k] : b[k] - a[k]).ToArray();
        return oriented.All(g => g >= 0) && oriented.Any(g => g > 0);
    }
}
