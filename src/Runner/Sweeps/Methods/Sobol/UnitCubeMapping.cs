using Runner.Planning;

namespace Runner.Sweeps.Methods.Sobol;

/// <summary>
/// A point of the unit cube as a point of a search space, in the form <see cref="RandomTrial.Point"/> gives
/// (a choice's index, or a number in its interval): a number is spread evenly over the interval it is
/// searched in (its logarithm for loguniform; an int's [low - 1/2, high + 1/2], rounded), and a choice of k
/// options takes option floor(u k). So an even spread of the cube stays even in the space. Optuna's
/// QMCSampler instead gives each option of a choice its own coordinate and takes the largest; one
/// coordinate per axis keeps the dimensions, and so the sequence's balance, to one per axis.
/// </summary>
public static class UnitCubeMapping
{
    public static IReadOnlyList<double> Point(IReadOnlyList<SearchDimension> space, ReadOnlySpan<double> unit)
    {
        if (unit.Length != space.Count) throw new ArgumentException($"expected {space.Count} coordinates, got {unit.Length}", nameof(unit));
        var point = new double[space.Count];
        for (int i = 0; i < space.Count; i++) point[i] = Value(space[i], unit[i]);
        return point;
    }

    static double Value(SearchDimension dimension, double u)
    {
        if (u < 0 || u >= 1 || double.IsNaN(u)) throw new ArgumentOutOfRangeException(nameof(u), u, "a unit-cube coordinate is in [0, 1)");
        if (dimension is ChoiceDimension choice) return Math.Min((int)(u * choice.Count), choice.Count - 1);
        var number = (NumberDimension)dimension;
        var (low, high) = number.Internal;
        return number.FromInternal(low + u * (high - low));
    }
}
