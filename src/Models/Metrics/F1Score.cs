namespace Runner.Models.Metrics;

/// <summary>The harmonic mean of precision and recall, 2tp / (2tp + fp + fn).</summary>
public sealed class F1Score : ClassAveragedMetric
{
    public override string Name => "f1_score";
    public override string Description => "Harmonic mean of a class's precision and recall; averaged over classes.";
    public override double Score(long tp, long fp, long fn) => ConfusionCounts.Ratio(2 * tp, 2 * tp + fp + fn);
}
