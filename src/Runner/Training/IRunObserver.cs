using Runner.Results;
using Runner.Planning;

namespace Runner.Training;

/// <summary>What a sweep reports as it goes: the live display, plain log lines and the sweep log listen.</summary>
public interface IRunObserver
{
    void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples);
    void Batch(PlannedRun run, int epoch, BatchProgress progress);
    void EpochEnded(PlannedRun run, EpochMetrics metrics);
    void RunEnded(PlannedRun run, RunOutcome outcome);
    /// <summary>The run has trained and is now evaluated on the test set (which takes a while for large models).</summary>
    void Evaluating(PlannedRun run, long testSamples) { }
    void Message(string text);
}
