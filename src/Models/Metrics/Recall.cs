namespace Runner.Models.Metrics;

/// <summary>tp / (tp + fn): of the samples of a class, the share predicted as it.</summary>
public sealed class Recall : ClassAveragedMetric
{
    public override string Name => "recall";
    public override string Description => "Of the samples of a class, the share predicted as it; averaged over classes.";
    public override double Score(long tp, long fp, long fn) => ConfusionCounts.Ratio(tp, tp + fn);
}
