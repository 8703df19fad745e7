using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// A search's compared metric against one sampled parameter: one point per finished trial at the value it
/// drew, on a log axis where the space is log-uniform, numbers sorted, categories side by side; the best trial
/// ringed. Grids get <see cref="AxisEffectChart"/> instead, whose categories are the values the grid lists. A parameter
/// of a conditional space has no value in the trials whose branch did not take it (runs.csv leaves it empty): those
/// trials are left out of its chart, and the title says how many it has.
/// </summary>
internal sealed class ParameterScatterChart(SweepAnalysis analysis, string axis, bool log) : IChart
{
    public const int ChartWidth = 900, ChartHeight = 560;

    public string FileName => $"final_{ChartStyle.FileSafe(analysis.Metric)}_vs_{ChartStyle.FileSafe(axis)}.png";

    public bool LogScale => log;

    public string Caption => $"Final {analysis.Metric} against {axis}: one point per finished trial that has it (a trial that did not take its branch of a conditional space has none)" +
                             $"{(log ? ", log scale (the space is log-uniform)" : "")}; " +
                             "the ring marks the best trial";

    public void Save(string path) => ChartStyle.Save(Draw(), path, ChartWidth, ChartHeight);

    internal Plot Draw()
    {
        var all = SearchTrials.Of(analysis);
        var trials = all.Where(t => t.Run.AxisValue(axis) != "").ToList();
        var count = trials.Count == all.Count ? $"{trials.Count} trials" : $"{trials.Count} of {all.Count} trials";
        var plot = ChartStyle.NewPlot($"Final {analysis.Metric} against {axis} ({count}{(log ? ", log scale" : "")})",
            log ? $"{axis} (log scale)" : axis, ChartStyle.WithUnit(analysis.Metric));
        var numeric = trials.Count > 0 && trials.All(t => SearchTrials.Number(t.Run, axis) is { } v && (!log || v > 0));
        var categories = numeric ? [] : trials.Select(t => t.Run.AxisValue(axis)).Distinct().Order(StringComparer.Ordinal).ToList();
        double X(SearchTrial t) => numeric
            ? (log ? Charts.LogScale.Position(SearchTrials.Number(t.Run, axis)!.Value) : SearchTrials.Number(t.Run, axis)!.Value)
            : categories.IndexOf(t.Run.AxisValue(axis));

        var best = trials.Count == 0 ? null : analysis.Maximize ? trials.MaxBy(t => t.Value) : trials.MinBy(t => t.Value);
        foreach (var t in trials)
        {
            var point = plot.Add.Marker(X(t), t.Value, MarkerShape.FilledCircle, 10, ChartStyle.Neutral.WithAlpha(0.75));
            point.MarkerLineColor = Colors.Black;
            point.MarkerLineWidth = 0.5f;
        }
        if (best is not null)
        {
            var ring = plot.Add.Marker(X(best), best.Value, MarkerShape.OpenCircle, 22, Colors.Red);
            ring.MarkerLineWidth = 2;
            ring.LegendText = $"best: trial {best.Number}";
            plot.ShowLegend(Alignment.LowerRight);
        }

        if (numeric && trials.Count > 0)
        {
            var values = trials.Select(t => SearchTrials.Number(t.Run, axis)!.Value).ToArray();
            double low = values.Min(), high = values.Max();
            if (log)
            {
                Charts.LogScale.Apply(plot.Axes.Bottom, low, high);
                var margin = Math.Max(0.05, 0.05 * (Math.Log10(high) - Math.Log10(low)));
                plot.Axes.SetLimitsX(Math.Log10(low) - margin, Math.Log10(high) + margin);
            }
            else
            {
                var margin = Math.Max(0.05 * (high - low), high == low ? Math.Max(Math.Abs(high) * 0.1, 1) : 0);
                plot.Axes.SetLimitsX(low - margin, high + margin);
            }
        }
        else if (categories.Count > 0)
        {
            plot.Axes.Bottom.SetTicks(categories.Select((_, i) => (double)i).ToArray(), categories.ToArray());
            ChartStyle.CategoryLimits(plot, 0, categories.Count - 1);
        }
        var (yLow, yHigh) = ValueAxisRange.For(trials.Select(t => (t.Value, t.Value)));
        plot.Axes.SetLimitsY(yLow, yHigh);
        return plot;
    }
}
