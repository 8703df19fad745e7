using Runner.Models.Metrics;
using Runner.Reporting.Results;

namespace Runner.Reporting.Statistics;

/// <summary>Counts[label, predicted] over a run's test predictions.</summary>
public sealed record ConfusionMatrix(int Classes, int[,] Counts)
{
    public int Total => Counts.Cast<int>().Sum();
    public int Correct => Enumerable.Range(0, Classes).Sum(i => Counts[i, i]);

    /// <summary>The same counts as the metrics read them, for per-class precision, recall and F1.</summary>
    public ConfusionCounts PerClass => new(Classes, Counts.Cast<int>().Select(c => (long)c).ToArray());

    public static ConfusionMatrix Of(IReadOnlyList<TestPrediction> predictions, int? classes = null)
    {
        var n = Math.Max(classes ?? 0, predictions.Count == 0 ? 0 : predictions.Max(p => Math.Max(p.Label, p.Predicted)) + 1);
        var counts = new int[n, n];
        foreach (var p in predictions) counts[p.Label, p.Predicted]++;
        return new ConfusionMatrix(n, counts);
    }
}
