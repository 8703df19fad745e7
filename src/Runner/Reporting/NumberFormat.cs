using System.Globalization;
using Runner.Reporting.Statistics;

namespace Runner.Reporting;

/// <summary>Invariant-culture number formatting shared by charts and tables.</summary>
public static class NumberFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A metric value for people: 4 decimals for fractions and losses, 1 for seconds.</summary>
    public static string Value(double value, string metric = "") =>
        double.IsNaN(value) ? "n/a"
        : metric.EndsWith("seconds", StringComparison.Ordinal) ? value.ToString("0.0", Invariant)
        : value.ToString("0.0000", Invariant);

    /// <summary><c>0.8741 ± 0.0032</c>, or just the mean when the interval is unknown (one run).</summary>
    public static string MeanCi(SampleSummary s, string metric = "") =>
        s.Count == 0 ? "n/a"
        : s.HasInterval ? $"{Value(s.Mean, metric)} ± {Value(s.CiHalfWidth, metric)}"
        : Value(s.Mean, metric);

    public static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", Invariant);

    /// <summary><c>p = 0.0169</c> or <c>p &lt; 0.0001</c>, for sentences.</summary>
    public static string PPhrase(double p) =>
        !double.IsNaN(p) && p < 0.0001 ? "p < 0.0001" : $"p = {PValue(p)}";

    /// <summary>Round-trippable number for machine-read files (CSV), empty when unknown.</summary>
    public static string Machine(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", Invariant);

    public static string Duration(double seconds) =>
        double.IsNaN(seconds) ? "n/a"
        : TimeSpan.FromSeconds(seconds) is var t && t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m {t.Seconds:00}s"
        : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s"
        : $"{seconds.ToString("0.0", Invariant)} s";
}
