using Runner.Planning;
using Runner.Sweeps.Methods.Sobol;

namespace Runner.Tests.Sweeps.Methods.Sobol;

public sealed class UnitCubeMappingTests
{
    static readonly SearchDimension[] Space =
    [
        new NumberDimension("lr", 1e-4, 1e-1, Log: true, Integer: false),
        new NumberDimension("units", 32, 512, Log: false, Integer: true),
        new NumberDimension("dropout", 0, 0.5, Log: false, Integer: false),
        new ChoiceDimension("optimizer", 3),
    ];

    [Fact]
    public void The_cube_spreads_over_each_axis_as_it_is_searched()
    {
        var low = UnitCubeMapping.Point(Space, [0, 0, 0, 0]);
        Assert.Equal([1e-4, 32, 0, 0], low.Select((v, i) => i == 0 ? Math.Round(v, 12) : v));
        var middle = UnitCubeMapping.Point(Space, [0.5, 0.5, 0.5, 0.5]);
        Assert.Equal(Math.Pow(10, -2.5), middle[0], 12);   // the middle decade, not the middle number
        Assert.Equal(272, middle[1]);
        Assert.Equal(0.25, middle[2], 12);
        Assert.Equal(1, middle[3]);
        var high = UnitCubeMapping.Point(Space, [1 - 1e-12, 1 - 1e-12, 1 - 1e-12, 1 - 1e-12]);
        Assert.Equal([0.1, 512, 0.5, 2], high.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void Balanced_points_give_every_option_and_every_integer_its_share()
    {
        var sobol = new SobolSequence(2, scrambleSeed: 3);
        SearchDimension[] space = [new ChoiceDimension("optimizer", 4), new NumberDimension("layers", 1, 8, Log: false, Integer: true)];
        var points = Enumerable.Range(0, 64).Select(i => UnitCubeMapping.Point(space, sobol.Point(i))).ToList();
        Assert.All(points.GroupBy(p => p[0]), g => Assert.Equal(16, g.Count()));
        Assert.Equal(8, points.Select(p => p[1]).Distinct().Count());
        Assert.All(points.GroupBy(p => p[1]), g => Assert.Equal(8, g.Count()));
    }

    [Fact]
    public void A_coordinate_outside_the_unit_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitCubeMapping.Point(Space, [1, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => UnitCubeMapping.Point(Space, [0, 0]));
    }
}
