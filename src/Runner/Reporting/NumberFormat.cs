using Runner.Text;
using Runner.Results;
using System.Globalization;
using Runner.Reporting.Statistics;

namespace Runner.Reporting;

/// <summary>Invariant-culture number formatting shared by charts and tables.</summary>
public static class NumberFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A metric value for people: 4 decimals for fractions and losses, 1 for seconds, a whole parameter count.</summary>
    public static string Value(double value, string metric = "") =>
        double.IsNaN(value) ? "n/a"
        : metric == Runner.Results.RunsColumns.Parameters ? value.ToString("0", Invariant)
        : metric == Runner.Results.RunsColumns.MemoryMb ? value.ToString("0.0", Invariant)
        : metric.EndsWith("seconds", StringComparison.Ordinal) ? value.ToString("0.0", Invariant)
        : value.ToString("0.0000", Invariant);

    /// <summary>
    /// <c>0.8741 ± 0.0032</c>; <c>0.9763 [0.9286, 1.0000]</c> when the metric's range clips the interval;
    /// <c>0.9763 (min-max 0.9725-0.9800, too few seeds for an interval)</c> under 3 runs (<c>0.9763 (0.9725-0.9800)</c>
    /// when <paramref name="brief"/>, for a console table with a note below it); the value alone for one run.
    /// </summary>
    public static string MeanCi(SampleSummary s, string metric = "", bool brief = false) =>
        s.Count == 0 ? "n/a"
        : s.IsClipped ? $"{Value(s.Mean, metric)} [{Value(s.CiLow, metric)}, {Value(s.CiHigh, metric)}]"
        : s.HasInterval ? $"{Value(s.Mean, metric)} ± {Value(s.CiHalfWidth, metric)}"
        : s.Count > 1 && brief ? $"{Value(s.Mean, metric)} ({Value(s.Min, metric)}-{Value(s.Max, metric)})"
        : s.Count > 1 ? $"{Value(s.Mean, metric)} (min-max {Value(s.Min, metric)}-{Value(s.Max, metric)}, {TooFewSeeds})"
        : Value(s.Mean, metric);

    public const string TooFewSeeds = "too few seeds for an interval";

    public static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", Invariant);

    /// <summary><c>p = 0.0169</c> or <c>p &lt; 0.0001</c>, for sentences.</summary>
    public static string PPhrase(double p) =>
        !double.IsNaN(p) && p < 0.0001 ? "p < 0.0001" : $"p = {PValue(p)}";

    /// <summary>Round-trippable number for machine-read files (CSV), empty when unknown.</summary>
    public static string Machine(double value) =>
        double.IsNaN(value) ? "" : Numbers.Exact(value);
}
