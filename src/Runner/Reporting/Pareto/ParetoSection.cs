using System.Globalization;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Pareto;

/// <summary>
/// The report's trade-offs where the experiment names objectives (`report: {objectives: {val_accuracy: max,
/// parameters: min}}`): the runs no other run beats on every objective, as a table and a chart in which the
/// dominated runs are grey. The leaderboard's single-metric views stay as they are.
/// </summary>
internal sealed class ParetoSection : IReportPart
{
    public IEnumerable<Block> Blocks(ResultsTable table)
    {
        if (ParetoRuns.Of(table) is not { } pareto) yield break;
        var names = string.Join(", ", pareto.Objectives.Select(o => $"{o.Name} ({o.Direction})"));
        var front = Sorted(pareto).ToList();
        yield return new Heading(1, "Trade-offs: the Pareto front");
        yield return new Paragraph($"Objectives: {names}. A run is on the front when no other finished run is at least as good on every " +
            $"objective and better on one. {Count(front.Count)} of {pareto.Runs.Count} on the front; the other {pareto.Runs.Count - front.Count} " +
            "are dominated (grey in the chart)." + (pareto.Unplaced > 0 ? $" {Count(pareto.Unplaced)} lack a value of an objective and are left out." : "") +
            (pareto.Infeasible > 0 ? $" {Count(pareto.Infeasible)} break a constraint of the sweep and are left out (see Constraints)." : ""));
        if (front.Count == 0) yield break;
        yield return new Table(["run", .. pareto.Objectives.Select(o => o.Name)], front.Select(r => (IReadOnlyList<Cell>)
            [new Cell(r.Run.RunId), .. r.Values.Select((v, k) => new Cell(NumberFormat.Value(v, pareto.Objectives[k].Name), v))]).ToArray());
    }

    public IEnumerable<string> Answer(ResultsTable table)
    {
        if (ParetoRuns.Of(table) is not { } pareto || !pareto.Front.Any()) yield break;
        var front = Sorted(pareto).ToList();
        yield return $"Pareto front on {string.Join(" and ", pareto.Objectives.Select(o => $"{o.Name} ({o.Direction})"))}: " +
            $"{Count(front.Count)} of {pareto.Runs.Count} not dominated" +
            (front.Count <= 6 ? ": " + string.Join("; ", front.Select(r => r.Run.RunId)) : "") + ".";
    }

    public IEnumerable<IChart> Charts(SweepAnalysis analysis) =>
        ParetoRuns.Of(analysis.Table) is { Runs.Count: > 0 } pareto ? [new ParetoChart(pareto)] : [];

    /// <summary>The front from the best value of the first objective down.</summary>
    static IEnumerable<ParetoRun> Sorted(ParetoRuns pareto) =>
        pareto.Objectives[0].Maximize ? pareto.Front.OrderByDescending(r => r.Values[0]) : pareto.Front.OrderBy(r => r.Values[0]);

    static string Count(int n) => n == 1 ? "1 run" : n.ToString(CultureInfo.InvariantCulture) + " runs";
}
