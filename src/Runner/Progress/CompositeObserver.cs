using Runner.Results;
using Runner.Planning;
using Runner.Training;

namespace Runner.Progress;

/// <summary>Fans progress out to several observers (the screen and the sweep log).</summary>
public sealed class CompositeObserver(params IRunObserver[] observers) : IRunObserver
{
    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        foreach (var o in observers) o.RunStarted(run, index, total, firstEpoch, trainSamples);
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress progress)
    {
        foreach (var o in observers) o.Batch(run, epoch, progress);
    }

    public void EpochEnded(PlannedRun run, EpochMetrics metrics)
    {
        foreach (var o in observers) o.EpochEnded(run, metrics);
    }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        foreach (var o in observers) o.RunEnded(run, outcome);
    }

    public void Evaluating(PlannedRun run, long testSamples)
    {
        foreach (var o in observers) o.Evaluating(run, testSamples);
    }

    public void Message(string text)
    {
        foreach (var o in observers) o.Message(text);
    }
}
