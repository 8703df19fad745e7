using Runner.Text;
using System.Globalization;
using Runner.Planning;
using Runner.Recording;
using Runner.Results;
using Runner.Training;

namespace Runner.Progress;

/// <summary>
/// Progress for logs, CI and `nohup`: one Keras-like line per epoch and one per run start and end,
/// no cursor tricks. Thread-safe, since runs may train side by side; so every line of a run carries its
/// "[index/total]" tag, which its start line pairs with its id, and lines of runs trained together can't be
/// mistaken for one another.
/// </summary>
public sealed class PlainProgress(TextWriter output, bool quiet = false, bool timestamps = false) : IScreen
{
    readonly object _gate = new();
    readonly Dictionary<string, (int Batches, string Tag)> _runs = new();

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        int batchSize = run.Experiment.Train.BatchSize;
        var tag = $"[{index}/{total}]";
        lock (_gate) _runs[run.DirectoryName] = ((int)((trainSamples + batchSize - 1) / batchSize), tag);
        var resumed = firstEpoch > 1 ? $" (resuming at epoch {firstEpoch})" : "";
        Write($"{tag} {run.Id}{resumed}");
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress progress) { }

    public void EpochEnded(PlannedRun run, EpochMetrics m)
    {
        if (quiet) return;
        var (batches, tag) = Of(run);
        Write($"  {tag} Epoch {m.Epoch}/{run.Experiment.Train.Epochs} - {batches}/{batches} - {m.Seconds:F0}s{Keras(m.Values)}");
    }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        var test = outcome.Test is { } t ? Keras(t.Prefixed(RecordedMetrics.TestPrefix)) : "";
        var reason = outcome.Reason.Length > 0 ? $" ({outcome.Reason})" : "";
        Write($"  {Of(run).Tag} {outcome.Status} in {Numbers.Seconds(outcome.Seconds)}s{test}{reason}");
    }

    /// <summary>A run that ends without having started here (failed while being set up) is named by its id.</summary>
    (int Batches, string Tag) Of(PlannedRun run)
    {
        lock (_gate) return _runs.TryGetValue(run.DirectoryName, out var known) ? known : (0, run.Id);
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
