using System.Globalization;
using Runner.Reporting.Documents;
using Runner.Reporting.Statistics;

namespace Runner.Reporting;

/// <summary>
/// The report's per-class table: precision, recall and F1 of each class on the test set for the best
/// run, from its test_predictions.csv, computed as the metrics compute them (a class never predicted
/// has precision 0). Classes are named where the dataset names them (T-shirt/top, ...).
/// </summary>
internal static class PerClassSection
{
    public static IEnumerable<Block> Blocks(SweepAnalysis analysis, IReadOnlyList<string>? classNames)
    {
        if (analysis.BestRun is not { } best || analysis.BestRunConfusion(classNames?.Count) is not { } confusion) yield break;
        var m = confusion.PerClass;
        yield return new Heading(1, "Per class (best run)");
        yield return new Paragraph($"Test-set precision, recall and F1 of each class for run {best.RunId}, " +
            $"from its {Runner.Results.ResultsLayout.PredictionsFile} ({m.Total.ToString("N0", CultureInfo.InvariantCulture)} samples). Support is the number of test samples of the class.");
        yield return new Table(["class", "precision", "recall", "f1_score", "support"],
            Enumerable.Range(0, m.Classes).Select(c => (IReadOnlyList<Cell>)[
                new Cell(Name(c, classNames)),
                Score(m.Precision(c)), Score(m.Recall(c)), Score(m.F1(c)),
                new Cell(m.Support(c).ToString(CultureInfo.InvariantCulture), m.Support(c))]).ToArray());
    }

    static Cell Score(double value) => new(value.ToString("F4", CultureInfo.InvariantCulture), value);

    static string Name(int c, IReadOnlyList<string>? names) =>
        names is not null && c < names.Count ? $"{c} {names[c]}" : c.ToString(CultureInfo.InvariantCulture);
}
