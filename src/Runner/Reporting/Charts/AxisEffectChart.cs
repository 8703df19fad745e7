using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// The marginal effect of one sweep axis: the compared metric for each of its values, averaged over
/// every other axis and seed, as points with 95% CI whiskers.
/// </summary>
internal sealed class AxisEffectChart(SweepAnalysis analysis, string axis) : IChart
{
    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_by_{ChartStyle.FileSafe(axis)}.png";

    public string Caption => $"Marginal effect of {axis}: final {analysis.Metric} over all other axes and seeds, whiskers = 95% CI (min-max with fewer than 3 runs)";

    public void Save(string path)
    {
        var effects = analysis.Effects.Where(e => e.Axis == axis && e.Metric.Count > 0).ToArray();
        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} by {axis} (mean over everything else, 95% CI)",
            axis, ChartStyle.WithUnit(analysis.Metric));
        var (low, high) = ValueAxisRange.For(effects.Select(e => ChartStyle.Whisker(e.Metric)));
        ChartStyle.PointsWithWhiskers(plot, effects.Select((_, i) => (double)i).ToArray(), effects.Select(e => e.Metric).ToArray(),
            effects.Select(_ => ChartStyle.Neutral).ToArray());
        foreach (var (e, i) in effects.Select((e, i) => (e, i)))
        {
            var label = plot.Add.Text($"{NumberFormat.Value(e.Metric.Mean, analysis.Metric)} (n={e.Metric.Count})", i,
                ChartStyle.Whisker(e.Metric).High);
            label.LabelFontSize = ChartStyle.AnnotationSize;
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -3;
        }
        plot.Axes.Bottom.SetTicks(effects.Select((_, i) => (double)i).ToArray(), effects.Select(e => e.Value).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(low, high);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
        ChartStyle.Save(plot, path, 900, 560);
    }
}
