using Runner.Planning;
using Runner.Recording;
using Runner.Results;

namespace Runner.Sweeps.Adaptive;

/// <summary>
/// What a search reads of a run that ended done, by the names objectives and constraints use: a recorded metric
/// (its final value), `parameters` and `memory_mb` (the model worked out on paper, as runs.csv records them), `seconds` (the run's
/// wall time) or `train_seconds` (the time in training steps, summed over metrics.csv's epochs, as the report sums it).
/// </summary>
public static class RunValues
{
    public static double? Of(PlannedRun run, RunOutcome outcome, RunFolder folder, string name)
    {
        if (outcome.Status != RunStatus.Done) return null;
        return name switch
        {
            _ when PlannedFacts.Names.Contains(name) => PlannedFacts.Value(run, name),
            RunsColumns.Seconds => outcome.Seconds,
            MetricsColumns.TrainSeconds => TrainSeconds(folder),
            _ => outcome.Value(name),
        };
    }

    static double? TrainSeconds(RunFolder folder)
    {
        try { return folder.Epochs.Read() is { Count: > 0 } epochs ? epochs.Sum(e => e.TrainSeconds) : null; }
        catch (DamagedResultsFileException) { return null; } // someone else's metrics.csv: no value, so the run counts as infeasible
    }
}
