using Runner.Config.Binding;
using Runner.Results;

namespace Runner.Planning;

/// <summary>
/// What a run needs, known before it trains because the model is worked out on paper: its parameter count and the
/// memory its training takes (<see cref="MemoryEstimate"/>, the estimate `validate` refuses a model by). A
/// constraint on one removes infeasible points from a plan; runs.csv records both.
/// </summary>
public static class PlannedFacts
{
    public static readonly IReadOnlyList<string> Names = [RunsColumns.Parameters, RunsColumns.MemoryMb];

    const double BytesPerMiB = 1024.0 * 1024.0;

    public static double MemoryMb(PlannedRun run) =>
        MemoryEstimate.Of(run.ModelPlan, run.Experiment.Train.BatchSize).TotalBytes / BytesPerMiB;

    public static double Value(PlannedRun run, string name) => name switch
    {
        RunsColumns.Parameters => run.ModelPlan.TotalParameters,
        RunsColumns.MemoryMb => MemoryMb(run),
        _ => throw new InvalidOperationException($"'{name}' is not known before training"),
    };
}
