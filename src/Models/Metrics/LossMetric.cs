using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Metrics;

/// <summary>The mean loss over the epoch's samples; always recorded, the one metric where lower is better.</summary>
public sealed class LossMetric : IMetricType
{
    public string Name => MetricSet.Loss;
    public string Description => "Mean loss over the epoch's samples (always recorded).";
    public IReadOnlyList<ParameterInfo> Parameters => [];
    public bool HigherIsBetter => false;
    public ValueRange Range => ValueRange.NonNegative;
    public double Compute(EpochCounts counts, Arguments args) => ConfusionCounts.Ratio(counts.LossSum, counts.Samples);
}
