using Runner.Planning;
using Runner.Results;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// A search optimises what its report shows: one definition. With `report: {objectives: {val_accuracy: max,
/// parameters: min}}` a `tpe:` search is multi-objective TPE on those objectives (Optuna 3.1's TPESampler with
/// several directions, the split of <see cref="TpeSplit"/>); without, it is TPE on report.metric.
/// </summary>
public static class MultiObjective
{
    /// <summary>The search's objectives; none when it has one (report.metric).</summary>
    public static IReadOnlyList<ReportObjective> Of(LoadedExperiment experiment) =>
        experiment.Runs[0].Experiment.Report.Objectives is { Count: >= 2 } objectives ? objectives : [];
}
