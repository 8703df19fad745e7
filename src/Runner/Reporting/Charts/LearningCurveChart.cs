using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>One line pair of a learning-curve chart: a configuration's train and validation bands.</summary>
internal sealed record CurveSeries(string Label, Color Color, CurveBand? Train, CurveBand? Validation);

/// <summary>
/// One metric over epochs for several series (configurations of a sweep, or the best of two sweeps):
/// train dashed, validation solid, each the mean across seeds with a shaded min-max band.
/// </summary>
internal sealed class LearningCurveChart(string fileName, string metric, IReadOnlyList<CurveSeries> series) : IChart
{
    public string FileName => fileName;

    bool HasValidation => series.Any(s => s.Validation is not null);
    bool HasTrain => series.Any(s => s.Train is not null);

    public string Caption => HasValidation && HasTrain
        ? $"{metric} by epoch: train dashed, validation solid; mean over seeds, band = min-max"
        : $"{metric} by epoch; mean over seeds, band = min-max";

    /// <summary>Every configuration of a sweep in its own colour, or null when no run has this metric.</summary>
    public static LearningCurveChart? For(SweepAnalysis analysis, string metric)
    {
        var count = analysis.Table.Configurations.Count;
        var series = analysis.Table.Configurations.Select(c => new CurveSeries(c.Label, ChartStyle.ConfigurationColor(c.Index, count),
                analysis.Curves.FirstOrDefault(b => b.Configuration == c && b.Column == metric),
                analysis.Curves.FirstOrDefault(b => b.Configuration == c && b.Column == Runner.Results.RecordedMetrics.Validation(metric))))
            .Where(s => s.Train is not null || s.Validation is not null)
            .ToArray();
        return series.Length == 0 ? null : new LearningCurveChart($"learning_curves_{ChartStyle.FileSafe(metric)}.png", metric, series);
    }

    public void Save(string path)
    {
        var seeds = series.SelectMany(s => new[] { s.Train, s.Validation }).OfType<CurveBand>().Max(b => b.Runs);
        var plot = ChartStyle.NewPlot(
            $"{Capitalised(metric)} by epoch ({(seeds == 1 ? "1 run each" : $"mean of up to {seeds} seeds, band = min-max")})",
            "epoch", ChartStyle.WithUnit(metric));
        ChartStyle.IntegerTicks(plot.Axes.Bottom);
        var both = HasTrain && HasValidation;
        foreach (var s in series)
        {
            if (s.Validation is { } validation) Draw(plot, validation, s.Color, dashed: false);
            if (s.Train is { } train) Draw(plot, train, s.Color, dashed: both);
        }

        var legend = series.Select(s => new LegendItem { LabelText = s.Label, LineColor = s.Color, LineWidth = 3 }).ToList();
        if (both)
        {
            legend.Add(new LegendItem { LabelText = "train", LineColor = ChartStyle.Muted, LineWidth = 2, LinePattern = LinePattern.Dashed });
            legend.Add(new LegendItem { LabelText = "validation", LineColor = ChartStyle.Muted, LineWidth = 2 });
        }
        ChartStyle.LegendOutside(plot, legend);
        ChartStyle.Save(plot, path);
    }

    static void Draw(Plot plot, CurveBand band, Color color, bool dashed)
    {
        var xs = band.Epochs.ToArray();
        if (band.Runs > 1)
        {
            var fill = plot.Add.FillY(xs, band.Low.ToArray(), band.High.ToArray());
            fill.FillColor = color.WithAlpha(0.12);
            fill.LineWidth = 0;
        }
        var line = plot.Add.ScatterLine(xs, band.Mean.ToArray(), color);
        line.LineWidth = 2.5f;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        line.MarkerSize = xs.Length <= 30 ? 6 : 0;
        line.MarkerShape = dashed ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
    }

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
