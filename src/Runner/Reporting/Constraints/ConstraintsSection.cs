using System.Globalization;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Constraints;

/// <summary>
/// The report's account of a sweep's constraints (`sweep: {constraints: ["parameters &lt;= 50000", "train_seconds &lt;= 60"]}`):
/// which finished runs break one and by how much. Those runs are left out of "best" and the Pareto front; a
/// configuration whose every finished run breaks one is marked infeasible in the leaderboard.
/// </summary>
internal sealed class ConstraintsSection : IReportPart
{
    public IEnumerable<Block> Blocks(ResultsTable table)
    {
        if (!table.Sweep.Constraints.Any) yield break;
        var done = table.Runs.Where(r => r.IsDone).ToList();
        var infeasible = done.Select(r => (Run: r, Violated: RunFeasibility.Violated(table, r))).Where(r => r.Violated.Count > 0).ToList();
        yield return new Heading(1, "Constraints");
        yield return new Paragraph($"Every run must keep {string.Join(" and ", table.Sweep.Constraints.All.Select(c => c.Text))}. " +
            $"{Count(done.Count - infeasible.Count)} of {done.Count} finished runs keep within them; " +
            (infeasible.Count == 0 ? "none breaks one." : $"{Count(infeasible.Count)} break one and are left out of the best configuration and the Pareto front."));
        if (infeasible.Count == 0) yield break;
        yield return new Table(["run", "infeasible: breaks"], infeasible.Select(r => (IReadOnlyList<Cell>)
            [new Cell(r.Run.RunId), new Cell(string.Join("; ", r.Violated))]).ToArray());
    }

    public IEnumerable<string> Answer(ResultsTable table)
    {
        if (!table.Sweep.Constraints.Any) yield break;
        int infeasible = table.Runs.Count(r => !RunFeasibility.Feasible(table, r));
        if (infeasible > 0)
            yield return $"{Count(infeasible)} of {table.Runs.Count(r => r.IsDone)} finished break {string.Join(" or ", table.Sweep.Constraints.All.Select(c => c.Text))} and are not ranked.";
    }

    public IEnumerable<IChart> Charts(SweepAnalysis analysis) => [];

    static string Count(int n) => n == 1 ? "1 run" : n.ToString(CultureInfo.InvariantCulture) + " runs";
}
