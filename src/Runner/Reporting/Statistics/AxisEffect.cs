namespace Runner.Reporting.Statistics;

/// <summary>The marginal effect of one axis value: the compared metric over every finished run with that value.</summary>
public sealed record AxisEffect(string Axis, string Value, SampleSummary Metric);
