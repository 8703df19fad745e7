using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Metrics;

/// <summary>scikit-learn's balanced_accuracy_score: the mean recall over the classes that occur as a target.</summary>
public sealed class BalancedAccuracy : IMetricType
{
    public string Name => "balanced_accuracy";
    public string Description => "Mean recall over the classes present in the targets (accuracy that ignores class imbalance).";
    public IReadOnlyList<ParameterInfo> Parameters => [];
    public bool HigherIsBetter => true;
    public ValueRange Range => ValueRange.Unit;
    public MetricNeeds Needs(Arguments args) => new(Confusion: true);

    public double Compute(EpochCounts counts, Arguments args)
    {
        var m = counts.RequireConfusion();
        return Enumerable.Range(0, m.Classes).Where(c => m.Support(c) > 0).Select(m.Recall).DefaultIfEmpty(0).Average();
    }
}
