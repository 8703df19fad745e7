using Runner.Text;
using Runner.Results;
using System.Globalization;
using Runner.Planning;
using Runner.Recording;
using Runner.Results;
using Runner.Training;

namespace Runner.Progress;

/// <summary>
/// Progress for logs, CI and `nohup`: one Keras-like line per epoch and one per run start and end,
/// no cursor tricks. Thread-safe, since runs may train side by side.
/// </summary>
public sealed class PlainProgress(TextWriter output, bool quiet = false, bool timestamps = false) : IScreen
{
    readonly object _gate = new();
    readonly Dictionary<string, int> _batchesPerEpoch = new();

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        int batchSize = run.Experiment.Train.BatchSize;
        lock (_gate) _batchesPerEpoch[run.DirectoryName] = (int)((trainSamples + batchSize - 1) / batchSize);
        var resumed = firstEpoch > 1 ? $" (resuming at epoch {firstEpoch})" : "";
        Write($"[{index}/{total}] {run.Id}{resumed}");
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress progress) { }

    public void EpochEnded(PlannedRun run, EpochMetrics m)
    {
        if (quiet) return;
        int batches;
        lock (_gate) batches = _batchesPerEpoch.GetValueOrDefault(run.DirectoryName);
        Write($"  Epoch {m.Epoch}/{run.Experiment.Train.Epochs} - {batches}/{batches} - {m.Seconds:F0}s{Keras(m.Values)}");
    }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        var test = outcome.Test is { } t ? Keras(t.Prefixed(RecordedMetrics.TestPrefix)) : "";
        var reason = outcome.Reason.Length > 0 ? $" ({outcome.Reason})" : "";
        Write($"  {outcome.Status} in {Numbers.Seconds(outcome.Seconds)}s{test}{reason}");
    }

    public void Message(string text) => Write(text);

    public T Display<T>(int runsToTrain, Func<T> work) => work();

    void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(timestamps ? $"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {line}" : line);
            output.Flush();
        }
    }

    /// <summary>" - loss: 0.3011 - accuracy: 0.9120 - val_loss: ...", as Keras prints an epoch.</summary>
    static string Keras(MetricValues values) => string.Concat(values.Select(v => $" - {v.Key}: {F(v.Value)}"));

    static string F(double value) => Numbers.Metric(value);
}
