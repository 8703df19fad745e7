using Runner.Reporting.Results;
using Runner.Results;

namespace Runner.Reporting.Pareto;

/// <summary>One finished run as a point in the objectives' space, and whether it is on the front.</summary>
public sealed record ParetoRun(RunResult Run, IReadOnlyList<double> Values, bool OnFront);

/// <summary>
/// The finished runs of a sweep placed by the report's objectives (sweep.json's, from the experiment's
/// `report: {objectives: ...}`). A run lacking a finite value of an objective (a metric it doesn't record,
/// a diverged run) can't be placed and is counted in <see cref="Unplaced"/>.
/// </summary>
public sealed record ParetoRuns(IReadOnlyList<ReportObjective> Objectives, IReadOnlyList<ParetoRun> Runs, int Unplaced)
{
    public IEnumerable<ParetoRun> Front => Runs.Where(r => r.OnFront);

    /// <summary>Finished runs that break a constraint of the sweep: left out of the front (and of <see cref="Runs"/>).</summary>
    public int Infeasible { get; init; }

    /// <summary>Null where the sweep has no objectives.</summary>
    public static ParetoRuns? Of(ResultsTable table)
    {
        var objectives = table.Sweep.Objectives;
        if (objectives.Count < 2) return null;
        var placed = new List<(RunResult Run, double[] Values)>();
        int unplaced = 0, infeasible = 0;
        foreach (var run in table.Runs.Where(r => r.IsDone))
        {
            if (!Constraints.RunFeasibility.Feasible(table, run))
            {
                infeasible++;
                continue;
            }
            var values = objectives.Select(o => Value(run, o.Name)).ToArray();
            if (values.All(v => v is { } x && double.IsFinite(x))) placed.Add((run, values.Select(v => v!.Value).ToArray()));
            else unplaced++;
        }
        var onFront = ParetoFront.NonDominated(placed.Select(p => (IReadOnlyList<double>)p.Values).ToList(), objectives.Select(o => o.Maximize).ToList());
        return new ParetoRuns(objectives, placed.Select((p, i) => new ParetoRun(p.Run, p.Values, onFront[i])).ToList(), unplaced) { Infeasible = infeasible };
    }

    /// <summary>A run's value of an objective: a runs.csv column (a final metric, parameters, seconds), or the
    /// training seconds summed over its epochs.</summary>
    public static double? Value(RunResult run, string objective) =>
        objective == MetricsColumns.TrainSeconds
            ? run.History.Count > 0 && run.History.All(e => e[objective] is not null) ? run.History.Sum(e => e[objective]!.Value) : null
            : run.Value(objective);
}
