using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Metrics;

/// <summary>
/// Keras's sparse_top_k_categorical_accuracy: the share of samples whose target is among the k largest
/// outputs, that is, fewer than k classes score above it (classes tied with the target count for it, as
/// in Keras's in_top_k; every sample when k is at least the number of classes).
/// </summary>
public sealed class TopKAccuracy : IMetricType
{
    public string Name => "top_k_accuracy";
    public string Description => "Share of samples whose target class is among the k highest outputs.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
        [Param.Int("k", 5, "how many of the highest outputs may hold the target", ValueRange.AtLeast(1))];
    public bool HigherIsBetter => true;
    public ValueRange Range => ValueRange.Unit;
    public MetricNeeds Needs(Arguments args) => new(TopK: args.Int("k"));
    public double Compute(EpochCounts counts, Arguments args) =>
        ConfusionCounts.Ratio(counts.TopKHits[args.Int("k")], counts.Samples);
}
