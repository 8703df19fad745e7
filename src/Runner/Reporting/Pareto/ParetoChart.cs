using Runner.Reporting.Charts;
using ScottPlot;

namespace Runner.Reporting.Pareto;

/// <summary>
/// The first two objectives against each other: every placed run a point, the dominated ones grey, the
/// front's runs coloured and joined in order (with more than two objectives, a run on the front may sit
/// inside this picture; the table says which).
/// </summary>
internal sealed class ParetoChart(ParetoRuns pareto) : IChart
{
    public const int ChartWidth = 900, ChartHeight = 600;

    string X => pareto.Objectives[0].Name;
    string Y => pareto.Objectives[1].Name;

    public string FileName => $"pareto_{ChartStyle.FileSafe(X)}_vs_{ChartStyle.FileSafe(Y)}.png";

    public string Caption => $"Pareto front: {X} ({pareto.Objectives[0].Direction}) against {Y} ({pareto.Objectives[1].Direction}), one point per finished run; " +
                             "the front's runs are joined, dominated runs grey" + (pareto.Objectives.Count > 2 ? " (the front counts all objectives)" : "");

    public void Save(string path) => ChartStyle.Save(Draw(), path, ChartWidth, ChartHeight);

    internal Plot Draw()
    {
        var plot = ChartStyle.NewPlot($"Pareto front ({pareto.Front.Count()} of {pareto.Runs.Count} runs)", ChartStyle.WithUnit(X), ChartStyle.WithUnit(Y));
        var dominated = pareto.Runs.Where(r => !r.OnFront).ToArray();
        if (dominated.Length > 0)
        {
            var grey = plot.Add.ScatterPoints(dominated.Select(r => r.Values[0]).ToArray(), dominated.Select(r => r.Values[1]).ToArray(), Colors.Gray.WithAlpha(0.6));
            grey.MarkerSize = 8;
            grey.LegendText = $"dominated ({dominated.Length})";
        }
        var front = pareto.Front.OrderBy(r => r.Values[0]).ThenBy(r => r.Values[1]).ToArray();
        if (front.Length > 0)
        {
            var line = plot.Add.Scatter(front.Select(r => r.Values[0]).ToArray(), front.Select(r => r.Values[1]).ToArray(), ChartStyle.Neutral);
            line.MarkerSize = 11;
            line.LineWidth = 2;
            line.LegendText = $"on the front ({front.Length})";
            plot.ShowLegend(Alignment.LowerRight);
        }
        return plot;
    }
}
