using Runner.Results;
using Runner.Training;

namespace Runner.Sweeps.Adaptive;

/// <summary>What an adaptive sweep judges a run by: its final value of the report metric; NaN unless it ended done.</summary>
public static class FinalValue
{
    public static double Of(RunOutcome outcome, string metric) =>
        outcome.Status != RunStatus.Done ? double.NaN : outcome.Value(metric) ?? double.NaN;
}
