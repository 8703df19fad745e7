using Runner.Reporting.Charts;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Comparison;

/// <summary>The charts of a comparison: the joined bars and, per metric, the curves of both best configurations.</summary>
internal static class ComparisonCharts
{
    public static IReadOnlyList<IChart> For(SweepComparison comparison)
    {
        var charts = new List<IChart> { new ComparisonBarChart(comparison) };
        var metrics = ChartCatalog.CurveMetrics(comparison.A.Analysis).Union(ChartCatalog.CurveMetrics(comparison.B.Analysis));
        foreach (var metric in metrics)
        {
            var series = new[] { Best(comparison.A, metric, ComparisonColors.A), Best(comparison.B, metric, ComparisonColors.B) }
                .OfType<CurveSeries>().ToArray();
            if (series.Length > 0)
                charts.Add(new LearningCurveChart($"comparison_learning_curves_{ChartStyle.FileSafe(metric)}.png", metric, series));
        }
        return charts;
    }

    /// <summary>The best configuration's bands of one sweep, labelled with the sweep's name.</summary>
    static CurveSeries? Best(ComparedSweep sweep, string metric, ScottPlot.Color color)
    {
        if (sweep.Analysis.Best?.Configuration is not { } best) return null;
        CurveBand? Band(string column) => sweep.Analysis.Curves.FirstOrDefault(b => b.Configuration == best && b.Column == column);
        var (train, validation) = (Band(metric), Band(Runner.Results.RecordedMetrics.Validation(metric)));
        return train is null && validation is null ? null
            : new CurveSeries($"{sweep.Name}: best, {best.Label}", color, train, validation);
    }
}
