namespace Runner.Models.Metrics;

/// <summary>tp / (tp + fp): of the samples predicted as a class, the share that are that class.</summary>
public sealed class Precision : ClassAveragedMetric
{
    public override string Name => "precision";
    public override string Description => "Of the samples predicted as a class, the share that are it; averaged over classes.";
    public override double Score(long tp, long fp, long fn) => ConfusionCounts.Ratio(tp, tp + fp);
}
