namespace Runner.Models.Metrics;

/// <summary>
/// What one epoch counted over one split (training, validation or test), read from the device once:
/// every metric is computed from this. <see cref="Confusion"/> is null and <see cref="TopKHits"/> empty
/// unless a requested metric needs them.
/// </summary>
public sealed record EpochCounts(
    long Samples,
    double LossSum,
    long Correct,
    ConfusionCounts? Confusion,
    IReadOnlyDictionary<int, long> TopKHits)
{
    /// <summary>The confusion matrix, which a metric that declared <see cref="MetricNeeds.Confusion"/> always has.</summary>
    public ConfusionCounts RequireConfusion() =>
        Confusion ?? throw new InvalidOperationException("the confusion matrix was not counted: the metric must declare that it needs it");
}

/// <summary>What a metric needs counted during an epoch beyond the loss and the correct predictions.</summary>
public sealed record MetricNeeds(bool Confusion = false, int? TopK = null)
{
    public static readonly MetricNeeds Nothing = new();
}
