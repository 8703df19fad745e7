using MathNet.Numerics.Distributions;

namespace Runner.Reporting.Statistics;

/// <summary>
/// Mean and Student-t 95% confidence interval of a small sample (one value per seed). Under
/// <see cref="MinSeedsForInterval"/> values the interval says nothing (two seeds give t = 12.7, so
/// 2.8 ± 29.2), so there is none and reports show the min-max instead; with identical values it has
/// zero width. The interval's ends never leave the metric's <see cref="Range"/>.
/// </summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation, double Min, double Max, double CiHalfWidth, MetricRange Range)
{
    public const double Confidence = 0.95;
    public const int MinSeedsForInterval = 3;

    public static readonly SampleSummary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, MetricRange.Unbounded);

    public double CiLow => Range.Clamp(Mean - CiHalfWidth);
    public double CiHigh => Range.Clamp(Mean + CiHalfWidth);
    public bool HasInterval => !double.IsNaN(CiHalfWidth);

    /// <summary>True when the range cut the interval, so it is no longer mean ± half width.</summary>
    public bool IsClipped => HasInterval && (Mean - CiHalfWidth < Range.Low || Mean + CiHalfWidth > Range.High);

    /// <summary>Summarises the finite values; NaN and infinities (a diverged run) are left out.</summary>
    public static SampleSummary Of(IEnumerable<double> values, MetricRange? range = null)
    {
        var bounds = range ?? MetricRange.Unbounded;
        var sample = values.Where(double.IsFinite).ToArray();
        if (sample.Length == 0) return Empty with { Range = bounds };
        var mean = sample.Average();
        if (sample.Length == 1) return new SampleSummary(1, mean, double.NaN, mean, mean, double.NaN, bounds);
        var sd = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (sample.Length - 1));
        var t = StudentT.InvCDF(0, 1, sample.Length - 1, 1 - (1 - Confidence) / 2);
        var halfWidth = sample.Length < MinSeedsForInterval ? double.NaN : t * sd / Math.Sqrt(sample.Length);
        return new SampleSummary(sample.Length, mean, sd, sample.Min(), sample.Max(), halfWidth, bounds);
    }

    /// <summary>Of a named metric: its interval is clipped to the metric's range.</summary>
    public static SampleSummary Of(IEnumerable<double> values, string metric) => Of(values, MetricRange.Of(metric));
}
