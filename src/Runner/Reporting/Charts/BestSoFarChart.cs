using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// How a search converged: every finished trial's compared metric in the order it was proposed, and the
/// best value found so far as a step line. A search that keeps improving late wants more trials.
/// </summary>
internal sealed class BestSoFarChart(SweepAnalysis analysis) : IChart
{
    public string FileName => $"best_{ChartStyle.FileSafe(analysis.Metric)}_by_trial.png";

    public string Caption => $"Best {analysis.Metric} so far by trial (step line) and each finished trial's value (points), in the order the search proposed them";

    public void Save(string path) => ChartStyle.Save(Draw(), path, ParameterScatterChart.ChartWidth, ParameterScatterChart.ChartHeight);

    /// <summary>The running best after each trial, in trial order.</summary>
    public static IReadOnlyList<(int Trial, double Best)> BestSoFar(IReadOnlyList<SearchTrial> trials, bool maximize)
    {
        var best = double.NaN;
        return trials.Select(t =>
        {
            if (double.IsNaN(best) || (maximize ? t.Value > best : t.Value < best)) best = t.Value;
            return (t.Number, best);
        }).ToArray();
    }

    internal Plot Draw()
    {
        var trials = SearchTrials.Of(analysis);
        var plot = ChartStyle.NewPlot($"Best {analysis.Metric} so far ({trials.Count} trials)", "trial", ChartStyle.WithUnit(analysis.Metric));
        foreach (var t in trials)
        {
            var point = plot.Add.Marker(t.Number, t.Value, MarkerShape.FilledCircle, 8, ChartStyle.Muted.WithAlpha(0.6));
            point.MarkerLineWidth = 0;
        }
        var steps = BestSoFar(trials, analysis.Maximize);
        if (steps.Count > 0)
        {
            var line = plot.Add.Scatter(steps.Select(s => (double)s.Trial).ToArray(), steps.Select(s => s.Best).ToArray(), ChartStyle.Neutral);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = "best so far";
            plot.ShowLegend(analysis.Maximize ? Alignment.LowerRight : Alignment.UpperRight);
            plot.Axes.SetLimitsX(steps[0].Trial - 0.8, steps[^1].Trial + 0.8);
        }
        ChartStyle.IntegerTicks(plot.Axes.Bottom);
        var (yLow, yHigh) = ValueAxisRange.For(trials.Select(t => (t.Value, t.Value)));
        plot.Axes.SetLimitsY(yLow, yHigh);
        return plot;
    }
}
