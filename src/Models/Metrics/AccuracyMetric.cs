using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Metrics;

/// <summary>Keras's accuracy: the share of samples whose arg-max output is the target class; always recorded.</summary>
public sealed class AccuracyMetric : IMetricType
{
    public string Name => MetricSet.Accuracy;
    public string Description => "Share of samples whose arg-max output is the target class (always recorded).";
    public IReadOnlyList<ParameterInfo> Parameters => [];
    public bool HigherIsBetter => true;
    public ValueRange Range => ValueRange.Unit;
    public double Compute(EpochCounts counts, Arguments args) => ConfusionCounts.Ratio(counts.Correct, counts.Samples);
}
