using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>What one benchmark run measured.</summary>
public sealed record LoopResult(
    long TrainSamples, double TrainSeconds, double TrainCpuSeconds, double FinalLoss, double? TrainAccuracy,
    long EvalSamples, double EvalSeconds, double Accuracy,
    IReadOnlyDictionary<string, double> Phases, IReadOnlyList<double> EpochCpuSeconds);

/// <summary>
/// The floor the runner is compared with: shuffled index_select batches, forward, cross-entropy on logits,
/// backward, Adam step, one DisposeScope per batch, loss (and, as Keras's fit and the runner do, the
/// number of correct predictions) read out per batch. Nothing else.
/// </summary>
public static class TrainLoop
{
    /// <param name="metrics">Runner's metrics beyond loss and accuracy, counted as its trainer counts them (one
    /// <see cref="Runner.Models.Metrics.EpochTally"/> per epoch, fed every batch's output); empty: none.</param>
    public static LoopResult Run(nn.Module<Tensor, Tensor> model, ITrainStep optimizer, MnistTensors data, int batchSize,
                                 int epochs, int seed, bool channelsLast, bool trainAccuracy, bool profile,
                                 Runner.Models.Metrics.MetricSet? metrics = null, bool metricsEveryOtherEpoch = false)
    {
        var timer = new PhaseTimer(profile);
        using var shuffle = new Generator((ulong)seed);
        var n = data.TrainImages.shape[0];
        double lastEpochLoss = 0;
        double? lastEpochAccuracy = null;

        model.train();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var epochCpu = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var epochCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            using var order = randperm(n, generator: shuffle);
            using var tally = metricsEveryOtherEpoch && epoch % 2 == 0 ? null : metrics?.StartEpoch(10, data.TrainLabels, order);
            double lossSum = 0;
            long batches = 0, correct = 0;
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(batchSize, n - start));
                var x = timer.Time("gather", () =>
                {
                    var batch = data.TrainImages.index_select(0, index);
                    return channelsLast ? ChannelsLast.Of(batch) : batch;
                });
                var y = data.TrainLabels.index_select(0, index);
                timer.Time("zero_grad", optimizer.zero_grad);
                var logits = timer.Time("forward", () => model.forward(x));
                var loss = timer.Time("loss", () => nn.functional.cross_entropy(logits, y));
                timer.Time("backward", () => loss.backward());
                timer.Time("step", () => optimizer.step());
                lossSum += loss.item<float>();
                if (tally is not null)
                {
                    var predicted = logits.argmax(1);
                    correct += predicted.eq(y).sum().item<long>();
                    tally.Add(logits, y.shape[0]);
                }
                else if (trainAccuracy) correct += logits.argmax(1).eq(y).sum().item<long>();
                batches++;
            }
            if (tally is not null) metrics!.Compute(tally.Read(n, lossSum, correct));
            lastEpochLoss = lossSum / batches;
            if (trainAccuracy) lastEpochAccuracy = (double)correct / n;
            epochCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - epochCpuStart).TotalSeconds);
        }
        var trainSeconds = clock.Elapsed.TotalSeconds;
        // CPU time (all threads): with OMP_WAIT_POLICY=passive it is the work done, barely touched by
        // other processes competing for the cores, unlike wall time.
        var trainCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;

        var (evalSamples, evalSeconds, accuracy) = Evaluate(model, data, batchSize, channelsLast);
        return new LoopResult(n * epochs, trainSeconds, trainCpuSeconds, lastEpochLoss, lastEpochAccuracy, evalSamples, evalSeconds, accuracy, timer.Seconds, epochCpu);
    }

    /// <summary>Accuracy on the whole test set, no_grad, in order, same batch size as training.</summary>
    static (long Samples, double Seconds, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, MnistTensors data,
                                                                    int batchSize, bool channelsLast)
    {
        model.eval();
        using var _ = no_grad();
        var n = data.TestImages.shape[0];
        long correct = 0;
        var clock = Stopwatch.StartNew();
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, n - start);
            var x = data.TestImages.narrow(0, start, count);
            if (channelsLast) x = ChannelsLast.Of(x);
            var predicted = model.forward(x).argmax(1);
            correct += predicted.eq(data.TestLabels.narrow(0, start, count)).sum().item<long>();
        }
        return (n, clock.Elapsed.TotalSeconds, (double)correct / n);
    }
}
