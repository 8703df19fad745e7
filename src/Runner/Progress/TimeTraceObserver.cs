using Runner.Text;
using System.Collections.Concurrent;
using Runner.Planning;
using Runner.Results;
using Runner.Training;

namespace Runner.Progress;

/// <summary>Marks each run's start, first batch reported and end in the <see cref="TimeTrace"/> (only when it is on).</summary>
public sealed class TimeTraceObserver : IRunObserver
{
    readonly ConcurrentDictionary<string, bool> _batched = new(StringComparer.Ordinal);

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples) => TimeTrace.Mark($"run {run.Id} started");

    public void Batch(PlannedRun run, int epoch, BatchProgress progress)
    {
        if (_batched.TryAdd(run.Id, true)) TimeTrace.Mark($"run {run.Id}: first batch reported");
    }

    public void EpochEnded(PlannedRun run, EpochMetrics metrics) { }

    public void RunEnded(PlannedRun run, RunOutcome outcome) => TimeTrace.Mark($"run {run.Id} ended");

    public void Message(string text) { }
}
