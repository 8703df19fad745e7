using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Metrics;

/// <summary>
/// A per-class score from true positives, false positives and false negatives, averaged over classes
/// as scikit-learn's `average=` does: macro is the plain mean over the classes that occur as a target or
/// a prediction; weighted weighs each class by its support; micro scores the summed counts (for
/// single-label classes micro precision, recall and F1 all equal accuracy). A score whose denominator is
/// 0 is 0 (zero_division=0).
/// </summary>
public abstract class ClassAveragedMetric : IMetricType
{
    public const string Macro = "macro", Weighted = "weighted", Micro = "micro";

    public abstract string Name { get; }
    public abstract string Description { get; }
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
        [Param.Choice("average", Macro, [Macro, Weighted, Micro], "how per-class scores are combined (as scikit-learn's average=)")];
    public bool HigherIsBetter => true;
    public ValueRange Range => ValueRange.Unit;
    public MetricNeeds Needs(Arguments args) => new(Confusion: true);

    /// <summary>The score of one class (or of the summed counts, for micro); 0 where it would divide by 0.</summary>
    public abstract double Score(long truePositives, long falsePositives, long falseNegatives);

    public double PerClass(ConfusionCounts m, int c) => Score(m.TruePositives(c), m.FalsePositives(c), m.FalseNegatives(c));

    public double Compute(EpochCounts counts, Arguments args)
    {
        var m = counts.RequireConfusion();
        var classes = Enumerable.Range(0, m.Classes).ToList();
        return args.Text("average") switch
        {
            Micro => Score(classes.Sum(m.TruePositives), classes.Sum(m.FalsePositives), classes.Sum(m.FalseNegatives)),
            Weighted => ConfusionCounts.Ratio(classes.Sum(c => PerClass(m, c) * m.Support(c)), m.Total),
            _ => m.PresentClasses.Select(c => PerClass(m, c)).DefaultIfEmpty(0).Average(),
        };
    }
}
