using Runner.Models.Registries;

namespace Runner.Models.Metrics;

/// <summary>A metric name the training loop knows how to compute.</summary>
public sealed record MetricType(string Name, string Description) : IMetricType
{
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];
}

public static class StandardMetrics
{
    public static readonly MetricType Loss = new("loss", "Mean loss over the epoch's batches (always recorded).");
    public static readonly MetricType Accuracy = new("accuracy", "Share of samples whose arg-max output is the target class.");
}
