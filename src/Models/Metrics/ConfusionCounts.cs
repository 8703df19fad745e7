namespace Runner.Models.Metrics;

/// <summary>
/// counts[target * Classes + predicted] of one epoch over one split, and the per-class rates that
/// precision, recall, F1 and balanced accuracy are made of. A rate whose denominator is 0 is 0
/// (scikit-learn's zero_division=0): a class never predicted has precision 0.
/// </summary>
public sealed class ConfusionCounts
{
    readonly long[] _counts;

    public ConfusionCounts(int classes, long[] counts)
    {
        if (counts.Length != (long)classes * classes)
            throw new ArgumentException($"a {classes}-class confusion matrix has {classes * classes} cells, not {counts.Length}");
        Classes = classes;
        _counts = counts;
    }

    public int Classes { get; }

    public long this[int target, int predicted] => _counts[target * Classes + predicted];

    public long Total => _counts.Sum();

    public long TruePositives(int c) => this[c, c];

    /// <summary>Samples whose target is <paramref name="c"/> (scikit-learn's support).</summary>
    public long Support(int c) => Enumerable.Range(0, Classes).Sum(p => this[c, p]);

    /// <summary>Samples predicted as <paramref name="c"/>.</summary>
    public long Predicted(int c) => Enumerable.Range(0, Classes).Sum(t => this[t, c]);

    public long FalsePositives(int c) => Predicted(c) - TruePositives(c);
    public long FalseNegatives(int c) => Support(c) - TruePositives(c);

    /// <summary>
    /// Classes that occur as a target or a prediction: scikit-learn's labels when none are given, the
    /// classes a macro average runs over.
    /// </summary>
    public IEnumerable<int> PresentClasses => Enumerable.Range(0, Classes).Where(c => Support(c) > 0 || Predicted(c) > 0);

    public double Precision(int c) => Ratio(TruePositives(c), Predicted(c));
    public double Recall(int c) => Ratio(TruePositives(c), Support(c));
    public double F1(int c) => Ratio(2 * TruePositives(c), 2 * TruePositives(c) + FalsePositives(c) + FalseNegatives(c));

    public static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
