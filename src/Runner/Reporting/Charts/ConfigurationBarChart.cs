using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// The compared metric of every configuration as a point (mean over seeds) with a whisker named as what it
/// is (95% CI, or min-max under 3 seeds), grouped by the first sweep axis (one group per value, one point per configuration in its colour).
/// </summary>
internal sealed class ConfigurationBarChart(SweepAnalysis analysis) : IChart
{
    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_by_configuration.png";

    public string BandName => ChartStyle.BandName(analysis.Leaderboard.Select(r => r.Metric(analysis.Metric)), "seeds");

    public string Caption => $"Final {analysis.Metric} per configuration: mean over seeds, whiskers = {BandName}";

    public void Save(string path) => ChartStyle.Save(Draw(), path);

    internal Plot Draw()
    {
        var table = analysis.Table;
        var rows = analysis.Leaderboard.Where(r => r.Metric(analysis.Metric).Count > 0)
            .OrderBy(r => r.Configuration.Index).ToArray();
        var groupAxis = table.ConfigurationAxes.FirstOrDefault();
        var groups = groupAxis is null ? [""] : table.ValuesOf(groupAxis).ToArray();

        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} per configuration (mean over seeds, {BandName})",
            groupAxis ?? "configuration", ChartStyle.WithUnit(analysis.Metric));
        var (low, high) = ValueAxisRange.For(rows.Select(r => ChartStyle.Whisker(r.Metric(analysis.Metric))));

        var points = new List<(double Position, SampleSummary Summary, Color Color)>();
        var ticks = new List<(double Position, string Label)>();
        var position = 0.0;
        foreach (var group in groups)
        {
            var members = rows.Where(r => groupAxis is null || r.Configuration.AxisValue(groupAxis) == group).ToArray();
            if (members.Length == 0) continue;
            var start = position;
            foreach (var row in members)
            {
                var s = row.Metric(analysis.Metric);
                points.Add((position, s, ChartStyle.ConfigurationColor(row.Configuration.Index, table.Configurations.Count)));
                if (rows.Length <= 12)
                {
                    var label = plot.Add.Text(NumberFormat.Value(s.Mean, analysis.Metric), position, ChartStyle.Whisker(s).High);
                    label.LabelFontSize = ChartStyle.AnnotationSize - 1;
                    label.LabelAlignment = Alignment.LowerCenter;
                    label.OffsetY = -3;
                }
                position += 1;
            }
            ticks.Add(((start + position - 1) / 2, groupAxis is null ? "" : group));
            position += 0.8;   // gap between groups
        }
        ChartStyle.PointsWithWhiskers(plot, points.Select(p => p.Position).ToArray(), points.Select(p => p.Summary).ToArray(),
            points.Select(p => p.Color).ToArray());

        if (groupAxis is null)
            ticks = points.Select((p, i) => (p.Position, rows[i].Configuration.Label)).ToList();
        plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (points.Count > 0) ChartStyle.CategoryLimits(plot, points[0].Position, points[^1].Position);
        plot.Axes.SetLimitsY(low, high);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;

        if (table.ConfigurationAxes.Count > 1)
            ChartStyle.LegendOutside(plot, rows.Select(r => new LegendItem
            {
                LabelText = r.Configuration.Label,
                FillColor = ChartStyle.ConfigurationColor(r.Configuration.Index, table.Configurations.Count),
            }));
        return plot;
    }
}
