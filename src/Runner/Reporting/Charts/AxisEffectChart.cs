using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// The marginal effect of one sweep axis: the compared metric for each of its values, averaged over
/// every other axis and seed, as bars with 95% CI error bars.
/// </summary>
internal sealed class AxisEffectChart(SweepAnalysis analysis, string axis) : IChart
{
    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_by_{ChartStyle.FileSafe(axis)}.png";

    public string Caption => $"Marginal effect of {axis}: final {analysis.Metric} over all other axes and seeds, error bars = 95% CI";

    public void Save(string path)
    {
        var effects = analysis.Effects.Where(e => e.Axis == axis && e.Metric.Count > 0).ToArray();
        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} by {axis} (mean over everything else ± 95% CI)",
            axis, ChartStyle.WithUnit(analysis.Metric));
        var (low, high) = ValueAxisRange.For(effects.Select(e => ConfigurationBarChart.Interval(e.Metric)));
        var bars = effects.Select((e, i) => new Bar
        {
            Position = i,
            Value = e.Metric.Mean,
            ValueBase = low,
                        FillColor = ChartStyle.Neutral,
            LineWidth = 0,
        }).ToList();
        plot.MoveToBack(plot.Add.Bars(bars));
        ChartStyle.ErrorBars(plot, bars.Select(b => b.Position).ToArray(), bars.Select(b => b.Value).ToArray(),
            effects.Select(e => e.Metric.HasInterval ? e.Metric.CiHalfWidth : 0).ToArray());
        foreach (var (e, i) in effects.Select((e, i) => (e, i)))
        {
            var label = plot.Add.Text($"{NumberFormat.Value(e.Metric.Mean, analysis.Metric)} (n={e.Metric.Count})", i,
                e.Metric.HasInterval ? e.Metric.CiHigh : e.Metric.Mean);
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
