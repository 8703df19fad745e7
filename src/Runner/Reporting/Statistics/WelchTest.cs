using MathNet.Numerics.Distributions;

namespace Runner.Reporting.Statistics;

/// <summary>Result of a two-sided Welch t-test (unequal variances).</summary>
public sealed record WelchResult(double T, double DegreesOfFreedom, double PValue);

/// <summary>
/// Welch's t-test: are two means different, without assuming equal variances. Seeds of different
/// configurations rarely have equal spread, so this is the safe default over Student's test.
/// </summary>
public static class WelchTest
{
    /// <summary>
    /// The two-sided test of mean(a) = mean(b) over the finite values, or null when either side has
    /// fewer than two values (its variance, and so the test, is undefined). When both sides have zero
    /// variance the answer is exact: p = 1 for equal means, p = 0 for different ones.
    /// </summary>
    public static WelchResult? TwoSided(IEnumerable<double> a, IEnumerable<double> b)
    {
        var x = a.Where(double.IsFinite).ToArray();
        var y = b.Where(double.IsFinite).ToArray();
        if (x.Length < 2 || y.Length < 2) return null;
        double mx = x.Average(), my = y.Average();
        var vx = x.Sum(v => (v - mx) * (v - mx)) / (x.Length - 1) / x.Length;   // squared standard errors
        var vy = y.Sum(v => (v - my) * (v - my)) / (y.Length - 1) / y.Length;
        var se2 = vx + vy;
        if (se2 == 0)
            return mx == my
                ? new WelchResult(0, double.PositiveInfinity, 1)
                : new WelchResult(mx > my ? double.PositiveInfinity : double.NegativeInfinity, double.PositiveInfinity, 0);
        var t = (mx - my) / Math.Sqrt(se2);
        var df = se2 * se2 / (vx * vx / (x.Length - 1) + vy * vy / (y.Length - 1));
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new WelchResult(t, df, Math.Min(1, p));
    }
}
