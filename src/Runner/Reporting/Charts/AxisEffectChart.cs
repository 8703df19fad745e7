using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// The effect of one sweep axis: the compared metric for each of its values averaged over every other axis
/// and seed (points with whiskers), and, so that the average hides nothing, its mean within each level of
/// the other axis with the largest effect (thin lines, one per level) with a sentence saying who wins where.
/// </summary>
internal sealed class AxisEffectChart(SweepAnalysis analysis, string axis) : IChart
{
    public const int ChartWidth = 1000, ChartHeight = 560;

    AxisEffect[] Effects => analysis.Effects.Where(e => e.Axis == axis && e.Metric.Count > 0).ToArray();

    AxisInteraction? Interaction => AxisInteraction.Strongest(analysis, axis);

    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_by_{ChartStyle.FileSafe(axis)}.png";

    public string BandName => ChartStyle.BandName(Effects.Select(e => e.Metric), "runs");

    public string Caption => $"Effect of {axis}: final {analysis.Metric} over all other axes and seeds, whiskers = {BandName}" +
                             (Interaction is { } i ? $"; lines: the mean within each {i.Other}. {i.Describe(analysis.Maximize)}" : "");

    public void Save(string path) => ChartStyle.Save(Draw(), path, ChartWidth, ChartHeight);

    internal Plot Draw()
    {
        var effects = Effects;
        var interaction = Interaction;
        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} by {axis} (mean over everything else, {BandName})",
            axis, ChartStyle.WithUnit(analysis.Metric));
        var positions = effects.Select((_, i) => (double)i).ToArray();
        var intervals = effects.Select(e => ChartStyle.Whisker(e.Metric)).ToList();
        var legend = new List<LegendItem>();
        if (interaction is not null)
        {
            for (var o = 0; o < interaction.OtherValues.Count; o++)
            {
                var color = ChartStyle.ConfigurationColor(o, interaction.OtherValues.Count);
                var line = effects.Select((e, i) => (i, Summary: interaction.Cell(interaction.Values.ToList().IndexOf(e.Value), o)))
                    .Where(p => p.Summary.Count > 0).Select(p => new Coordinates(p.i, p.Summary.Mean)).ToArray();
                if (line.Length == 0) continue;
                var trace = plot.Add.ScatterLine(line, color.WithAlpha(0.8));
                trace.LineWidth = 1.5f;
                trace.MarkerShape = MarkerShape.OpenSquare;
                trace.MarkerSize = 8;
                intervals.AddRange(line.Select(c => (c.Y, c.Y)));
                legend.Add(new LegendItem { LabelText = $"{interaction.Other} = {interaction.OtherValues[o]}", LineColor = color, LineWidth = 2 });
            }
            legend.Add(new LegendItem { LabelText = $"all {interaction.Other}s ({BandName})", FillColor = ChartStyle.Neutral });
        }
        ChartStyle.PointsWithWhiskers(plot, positions, effects.Select(e => e.Metric).ToArray(), effects.Select(_ => ChartStyle.Neutral).ToArray());
        var (low, high) = ValueAxisRange.For(intervals);
        foreach (var (e, i) in effects.Select((e, i) => (e, i)))
        {
            var label = plot.Add.Text($"{NumberFormat.Value(e.Metric.Mean, analysis.Metric)} (n={e.Metric.Count})", i, ChartStyle.Whisker(e.Metric).High);
            label.LabelFontSize = ChartStyle.AnnotationSize;
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -3;
        }
        plot.Axes.Bottom.SetTicks(positions, effects.Select(e => e.Value).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        ChartStyle.CategoryLimits(plot, 0, effects.Length - 1);
        plot.Axes.SetLimitsY(low, high);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
        if (legend.Count > 0) ChartStyle.LegendOutside(plot, legend);
        return plot;
    }
}
