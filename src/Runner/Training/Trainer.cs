using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>Progress inside an epoch, for the live display: samples seen so far and running means.</summary>
public readonly record struct BatchProgress(long Seen, long Total, double Loss, double Accuracy);

/// <summary>
/// One epoch of minibatch training over tensors held in memory: a seeded permutation, batches taken
/// by index_select, one DisposeScope per batch. The last, smaller batch is kept, as Keras does.
/// Every metric is the running value over the epoch, as Keras reports them: loss and accuracy are
/// summed per batch (the live display shows them), anything else is counted from the predictions and
/// outputs the epoch's <see cref="EpochTally"/> keeps on the device, read once at its end.
/// </summary>
public sealed class Trainer(
    nn.Module<Tensor, Tensor> model,
    TorchSharp.Modules.OptimizerHelper optimizer,
    BoundLoss loss,
    MetricSet metrics,
    bool oneHot,
    int classes,
    int batchSize,
    bool shuffle,
    Generator shuffleGenerator)
{
    public MetricValues TrainEpoch(Tensor x, Tensor y, CancellationToken cancel, Action<BatchProgress>? onBatch = null)
    {
        model.train();
        long n = x.shape[0];
        using var order = OnDevice(shuffle ? randperm(n, generator: shuffleGenerator) : arange(n), x.device);
        using var tally = metrics.StartEpoch(classes, y, order);
        double lossSum = 0;
        long correct = 0, seen = 0;
        for (long start = 0; start < n; start += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            long size = Math.Min(batchSize, n - start);
            var indices = order.narrow(0, start, size);
            var xb = x.index_select(0, indices);
            var yb = y.index_select(0, indices);

            optimizer.zero_grad();
            var output = model.forward(xb);
            var batchLoss = loss.Compute(output, Targets.For(yb, oneHot, classes));
            batchLoss.backward();
            optimizer.step();

            float value = batchLoss.item<float>();
            if (!float.IsFinite(value)) throw new DivergedException(value, seen / batchSize + 1);
            lossSum += value * size;
            var predicted = output.argmax(1);
            correct += predicted.eq(yb).sum().item<long>();
            tally.Add(output, size);
            seen += size;
            onBatch?.Invoke(new BatchProgress(seen, n, lossSum / seen, (double)correct / seen));
        }
        return new MetricValues(metrics.Compute(tally.Read(n, lossSum, correct)));
    }

    /// <summary>The permutation is drawn on the CPU (the same order on every device) and used where the data is.</summary>
    static Tensor OnDevice(Tensor cpu, Device device)
    {
        if (device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }
}

/// <summary>The loss became NaN or infinite: the run is recorded as diverged and the sweep goes on.</summary>
public sealed class DivergedException(float loss, long batch)
    : Exception($"loss became {(float.IsNaN(loss) ? "NaN" : loss > 0 ? "+Inf" : "-Inf")} at batch {batch}")
{
    /// <summary>The batch (1-based) whose loss was not finite; its step was taken.</summary>
    public long Batch => batch;
}
