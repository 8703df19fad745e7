using MathNet.Numerics.Distributions;

namespace Runner.Reporting.Statistics;

/// <summary>
/// Mean and Student-t 95% confidence interval of a small sample (one value per seed). With one value
/// the spread is unknown, so the interval is NaN; with identical values it has zero width.
/// </summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation, double Min, double Max, double CiHalfWidth)
{
    public const double Confidence = 0.95;

    public static readonly SampleSummary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public double CiLow => Mean - CiHalfWidth;
    public double CiHigh => Mean + CiHalfWidth;
    public bool HasInterval => !double.IsNaN(CiHalfWidth);

    /// <summary>Summarises the finite values; NaN and infinities (a diverged run) are left out.</summary>
    public static SampleSummary Of(IEnumerable<double> values)
    {
        var sample = values.Where(double.IsFinite).ToArray();
        if (sample.Length == 0) return Empty;
        var mean = sample.Average();
        if (sample.Length == 1) return new SampleSummary(1, mean, double.NaN, mean, mean, double.NaN);
        var sd = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (sample.Length - 1));
        var t = StudentT.InvCDF(0, 1, sample.Length - 1, 1 - (1 - Confidence) / 2);
        return new SampleSummary(sample.Length, mean, sd, sample.Min(), sample.Max(), t * sd / Math.Sqrt(sample.Length));
    }
}
