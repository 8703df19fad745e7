using Runner.Reporting.Pareto;
using Runner.Reporting.Results;

namespace Runner.Reporting.Constraints;

/// <summary>
/// Whether a finished run keeps within the sweep's constraints (sweep.json's), judged from its recorded values as
/// the Pareto front reads them. An infeasible run is marked in the report and left out of "best" and the front.
/// </summary>
public static class RunFeasibility
{
    /// <summary>What a finished run breaks (`train_seconds = 75.2, not &lt;= 60`); empty when feasible, or not finished (nothing to judge).</summary>
    public static IReadOnlyList<string> Violated(ResultsTable table, RunResult run) =>
        run.IsDone && table.Sweep.Constraints.Any ? table.Sweep.Constraints.Violated(name => ParetoRuns.Value(run, name)).ToList() : [];

    public static bool Feasible(ResultsTable table, RunResult run) => Violated(table, run).Count == 0;

    /// <summary>The finished runs that break a constraint, nearest first: by Optuna's violation, the sum of how far each value lies beyond its bound.</summary>
    public static IReadOnlyList<RunResult> NearestInfeasible(ResultsTable table) =>
        table.Runs.Where(r => r.IsDone && !Feasible(table, r))
            .OrderBy(r => table.Sweep.Constraints.Violation(name => ParetoRuns.Value(r, name))).ToList();
}
