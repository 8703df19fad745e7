using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>Counts of (true label, predicted label) on the official test set for the best run.</summary>
internal sealed class ConfusionMatrixChart(string runLabel, ConfusionMatrix matrix, IReadOnlyList<string>? classNames) : IChart
{
    public const string File = "best_run_confusion_matrix.png";

    public string FileName => File;

    /// <summary>What its rows and columns are labelled with: the dataset's class names, else the class numbers.</summary>
    internal IReadOnlyList<string> Names => Enumerable.Range(0, matrix.Classes).Select(i => Results.RunClassNames.Name(classNames, i)).ToArray();

    public string Caption => $"Confusion matrix of the best run ({runLabel}) on the test set: rows = true label, columns = prediction";

    public void Save(string path)
    {
        var n = matrix.Classes;
        var names = Names;
        var values = new double[n, n];
        var labels = new string[n, n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
            {
                values[r, c] = matrix.Counts[r, c];
                labels[r, c] = matrix.Counts[r, c].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        var accuracy = matrix.Total == 0 ? double.NaN : (double)matrix.Correct / matrix.Total;
        var plot = ChartStyle.NewPlot(
            $"Confusion matrix, best run {runLabel}\ntest accuracy {NumberFormat.Value(accuracy)} on {matrix.Total} samples",
            "predicted label", "true label");
        plot.Axes.Title.Label.FontSize = ChartStyle.TitleSize - 2;
        var size = Math.Clamp(300 + 70 * n, 650, 1300);
        AnnotatedHeatmap.Draw(plot, values, labels, names, names, new ScottPlot.Colormaps.Blues().Reversed(), "test samples (count)",
            n > 12 ? ChartStyle.AnnotationSize - 3 : ChartStyle.AnnotationSize);
        AnnotatedHeatmap.TiltLongColumnNames(plot, names, size - 150);
        ChartStyle.Save(plot, path, size + 150, size);
    }
}
