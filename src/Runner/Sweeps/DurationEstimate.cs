using System.Diagnostics;
using Runner.Data;
using Runner.Devices;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Threading;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// How long a run will take, from timing a few real training batches of its model on its data.
/// Runs that share a model, batch size and optimizer share one timing, taken with the torch threads
/// the run itself would get on this machine under its present load.
/// </summary>
public sealed class DurationEstimate(ComponentRegistries registries, PreparedDataCache data, TorchThreads threads)
{
    const int WarmupBatches = 3, TimedBatches = 12;
    readonly Dictionary<string, double> _secondsPerSample = new();

    public double Seconds(PlannedRun run, int fromEpoch = 1)
    {
        var prepared = data.Get(run.Experiment.Data, DeviceChoice.Resolve(run.Experiment.Train.Device));
        var train = run.Experiment.Train;
        var key = $"{run.Experiment.Model}|{train.BatchSize}|{train.Optimizer}|{train.Loss}|{train.Threads}|{train.Device}";
        if (!_secondsPerSample.TryGetValue(key, out var perSample))
            _secondsPerSample[key] = perSample = Time(run, prepared);
        long evaluated = (prepared.ValidationX?.shape[0] ?? 0);
        int epochs = Math.Max(0, train.Epochs - fromEpoch + 1);
        // Evaluation runs forward only: about a third of a training step's work per sample.
        return perSample * (epochs * (prepared.TrainCount + evaluated / 3.0) + prepared.TestX.shape[0] / 3.0);
    }

    double Time(PlannedRun run, PreparedData prepared)
    {
        var train = run.Experiment.Train;
        threads.Apply(train.Threads);
        using var built = new RunModel(run, registries);
        var trainer = new Trainer(built.Model, built.Optimizer, built.Loss, built.Metrics, prepared.OneHot, prepared.Classes,
            train.BatchSize, false, built.Generators.Shuffle);

        long warm = Math.Min(prepared.TrainCount, (long)WarmupBatches * train.BatchSize);
        long timed = Math.Min(prepared.TrainCount, (long)TimedBatches * train.BatchSize);
        using var wx = prepared.TrainX.narrow(0, 0, warm);
        using var wy = prepared.TrainY.narrow(0, 0, warm);
        // A run that diverges (a learning rate far too large) still costs the same per step until it does:
        // the estimate is timed over the steps taken, and the plan shows the run instead of failing.
        try { trainer.TrainEpoch(wx, wy, CancellationToken.None); }
        catch (DivergedException) { }
        using var tx = prepared.TrainX.narrow(0, 0, timed);
        using var ty = prepared.TrainY.narrow(0, 0, timed);
        var clock = Stopwatch.StartNew();
        long samples = timed;
        try { trainer.TrainEpoch(tx, ty, CancellationToken.None); }
        catch (DivergedException e) { samples = Math.Min(timed, Math.Max(1, e.Batch * train.BatchSize)); }
        return clock.Elapsed.TotalSeconds / samples;
    }
}
