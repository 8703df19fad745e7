namespace Runner.Reporting.Statistics;

/// <summary>
/// The values a column can take: a metric's as it declares (accuracy, F1 in [0, 1], the loss >= 0);
/// seconds, epochs, parameters and learning rates >= 0; anything else unbounded. An interval is clipped
/// to it: a mean accuracy of 0.976 ± 0.048 is [0.928, 1], never 1.024.
/// </summary>
public readonly record struct MetricRange(double Low, double High)
{
    public static readonly MetricRange Unbounded = new(double.NegativeInfinity, double.PositiveInfinity);
    public static readonly MetricRange Fraction = new(0, 1);
    public static readonly MetricRange NonNegative = new(0, double.PositiveInfinity);

    public static MetricRange Of(string metric) =>
        Runner.Results.RecordedMetrics.Declared(metric)?.Range is { } declared ? new(declared.Min, declared.Max)
        : metric.EndsWith("seconds", StringComparison.Ordinal) || metric is "epochs" or "parameters" or Runner.Results.RunsColumns.MemoryMb or "learning_rate" ? NonNegative
        : Unbounded;

    public double Clamp(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Low, High);
}
