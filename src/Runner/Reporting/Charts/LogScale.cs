using System.Globalization;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// A log axis for ScottPlot, which has none: values are plotted as log10(v), and the ticks sit at
/// 1, 2 and 5 times a power of ten, labelled with the value itself (0.001, not -3).
/// </summary>
internal static class LogScale
{
    public static double Position(double value) => Math.Log10(value);

    /// <summary>Tick values for data in [low, high] (both > 0): powers of ten, plus 2x and 5x when that spans few decades.</summary>
    public static IReadOnlyList<double> Ticks(double low, double high)
    {
        int from = (int)Math.Floor(Math.Log10(low)), to = (int)Math.Ceiling(Math.Log10(high));
        var multiples = to - from <= 3 ? new[] { 1.0, 2, 5 } : [1.0];
        var ticks = Enumerable.Range(from, to - from + 1)
            .SelectMany(k => multiples.Select(m => m * Math.Pow(10, k)))
            .Where(v => v >= low / 1.0001 && v <= high * 1.0001).ToList();
        if (ticks.Count < 2) ticks = [low, high];   // under a factor of two: the ends themselves
        return ticks;
    }

    public static string Label(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>Puts log ticks on <paramref name="axis"/> for data in [low, high], with minor ticks at every integer multiple.</summary>
    public static void Apply(IAxis axis, double low, double high)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var v in Ticks(low, high)) generator.AddMajor(Position(v), Label(v));
        int from = (int)Math.Floor(Math.Log10(low)), to = (int)Math.Ceiling(Math.Log10(high));
        for (var k = from; k <= to; k++)
            for (var m = 1; m <= 9; m++)
                if (m * Math.Pow(10, k) is var v && v >= low && v <= high) generator.AddMinor(Position(v));
        axis.TickGenerator = generator;
    }
}
