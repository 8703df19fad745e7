using System.Diagnostics;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>The machine's large float32 matrix-multiply rate: the yardstick for achieved GFLOP/s.</summary>
public static class MatmulPeak
{
    /// <summary>Best of <paramref name="repeats"/> timed size x size products, after one warm-up.</summary>
    public static (double BestGflops, double MedianGflops) Measure(int size, int repeats, int seed)
    {
        manual_seed(seed);
        using var a = rand(size, size);
        using var b = rand(size, size);
        using (mm(a, b)) { }
        var rates = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using (mm(a, b)) { }
            rates.Add(2.0 * size * size * size / clock.Elapsed.TotalSeconds / 1e9);
        }
        rates.Sort();
        return (rates[^1], rates[rates.Count / 2]);
    }
}
