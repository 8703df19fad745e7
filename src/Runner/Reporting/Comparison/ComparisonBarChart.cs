using Runner.Reporting.Charts;
using ScottPlot;

namespace Runner.Reporting.Comparison;

/// <summary>The compared metric of every configuration in both sweeps, side by side, as points with 95% CI whiskers.</summary>
internal sealed class ComparisonBarChart(SweepComparison comparison) : IChart
{
    public string FileName => $"comparison_{ChartStyle.FileSafe(comparison.Metric)}_by_configuration.png";

    public string Caption => $"Final {comparison.Metric} per configuration in {comparison.A.Name} and {comparison.B.Name}: mean over seeds, whiskers = 95% CI (min-max with fewer than 3 seeds)";

    public void Save(string path)
    {
        var metric = comparison.Metric;
        var rows = comparison.Rows.Where(r => (r.A?.Metric(metric).Count ?? 0) + (r.B?.Metric(metric).Count ?? 0) > 0).ToArray();
        if (rows.Length == 0) throw new InvalidOperationException($"no finished run in either sweep has {metric}");
        var plot = ChartStyle.NewPlot($"Final {metric}: {comparison.A.Name} vs {comparison.B.Name} (mean and 95% CI)",
            "configuration", ChartStyle.WithUnit(metric));
        var sides = new[] { (Name: comparison.A.Name, Color: ComparisonColors.A, Pick: (Func<ComparisonRow, Statistics.LeaderboardRow?>)(r => r.A)),
                            (Name: comparison.B.Name, Color: ComparisonColors.B, Pick: r => r.B) };
        var intervals = rows.SelectMany(r => sides.Select(s => s.Pick(r)?.Metric(metric))).OfType<Statistics.SampleSummary>()
            .Where(s => s.Count > 0).Select(ChartStyle.Whisker);
        var (low, high) = ValueAxisRange.For(intervals);

        for (var side = 0; side < sides.Length; side++)
        {
            var present = rows.Select((r, i) => (Summary: sides[side].Pick(r)?.Metric(metric), Position: i * 3.0 + side))
                .Where(p => p.Summary is { Count: > 0 }).ToArray();
            ChartStyle.PointsWithWhiskers(plot, present.Select(p => p.Position).ToArray(), present.Select(p => p.Summary!).ToArray(),
                present.Select(_ => sides[side].Color).ToArray());
        }
        var labels = rows.Select(r => (r.A ?? r.B)!.Configuration.Label).ToArray();
        plot.Axes.Bottom.SetTicks(rows.Select((_, i) => i * 3.0 + 0.5).ToArray(), labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        var width = Math.Clamp(400 + 110 * rows.Length, 900, 1800);
        AnnotatedHeatmap.TiltLongColumnNames(plot, labels, width - 350);
        plot.Axes.SetLimitsY(low, high);
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
        ChartStyle.LegendOutside(plot, sides.Select(s => new LegendItem { LabelText = s.Name, FillColor = s.Color }));
        ChartStyle.Save(plot, path, width, ChartStyle.Height);
    }
}
