using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// The compared metric of every configuration as bars with 95% CI error bars, grouped by the first
/// sweep axis (one group per value, one bar per configuration in its colour).
/// </summary>
internal sealed class ConfigurationBarChart(SweepAnalysis analysis) : IChart
{
    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_by_configuration.png";

    public string Caption => $"Final {analysis.Metric} per configuration: mean over seeds, error bars = 95% CI";

    public void Save(string path)
    {
        var table = analysis.Table;
        var rows = analysis.Leaderboard.Where(r => r.Metric(analysis.Metric).Count > 0)
            .OrderBy(r => r.Configuration.Index).ToArray();
        var groupAxis = table.ConfigurationAxes.FirstOrDefault();
        var groups = groupAxis is null ? [""] : table.ValuesOf(groupAxis).ToArray();

        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} per configuration (mean ± 95% CI over seeds)",
            groupAxis ?? "configuration", ChartStyle.WithUnit(analysis.Metric));
        var (low, high) = ValueAxisRange.For(rows.Select(r => Interval(r.Metric(analysis.Metric))));

        var bars = new List<Bar>();
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
                bars.Add(new Bar
                {
                    Position = position,
                    Value = s.Mean,
                    ValueBase = low,
                                        FillColor = ChartStyle.ConfigurationColor(row.Configuration.Index, table.Configurations.Count),
                    LineWidth = 0,
                });
                if (rows.Length <= 12)
                {
                    var label = plot.Add.Text(NumberFormat.Value(s.Mean, analysis.Metric), position, s.HasInterval ? s.CiHigh : s.Mean);
                    label.LabelFontSize = ChartStyle.AnnotationSize - 1;
                    label.LabelAlignment = Alignment.LowerCenter;
                    label.OffsetY = -3;
                }
                position += 1;
            }
            ticks.Add(((start + position - 1) / 2, groupAxis is null ? "" : group));
            position += 0.8;   // gap between groups
        }
        plot.MoveToBack(plot.Add.Bars(bars));
        ChartStyle.ErrorBars(plot, bars.Select(b => b.Position).ToArray(), bars.Select(b => b.Value).ToArray(),
            rows.Select(r => r.Metric(analysis.Metric)).Select(s => s.HasInterval ? s.CiHalfWidth : 0).ToArray());

        if (groupAxis is null)
            ticks = bars.Select((b, i) => (b.Position, rows[i].Configuration.Label)).ToList();
        plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(low, high);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;

        if (table.ConfigurationAxes.Count > 1)
            ChartStyle.LegendOutside(plot, rows.Select(r => new LegendItem
            {
                LabelText = r.Configuration.Label,
                FillColor = ChartStyle.ConfigurationColor(r.Configuration.Index, table.Configurations.Count),
            }));
        ChartStyle.Save(plot, path);
    }

    internal static (double Low, double High) Interval(SampleSummary s) =>
        s.HasInterval ? (s.CiLow, s.CiHigh) : (s.Mean, s.Mean);
}
