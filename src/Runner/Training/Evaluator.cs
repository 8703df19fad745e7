using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Results;
using Runner.Models.Shapes;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>Every recorded metric of a model over a whole tensor dataset, without gradients, in batches of <paramref name="batchSize"/>.</summary>
public sealed class Evaluator(BoundLoss loss, MetricSet metrics, bool oneHot, int classes, int batchSize)
{
    const int MinBatch = 32, MaxBatch = 1000;
    const long CacheFloats = 1 << 20;   // 4 MB of float32

    /// <summary>
    /// Evaluation keeps no activations for backward, so it can take larger batches than training, and
    /// larger is faster per sample as long as a layer's output still fits the cache: the reference CNN
    /// (docs/architecture.md) evaluates 4,600 samples/s in batches of 1,000 but 8,300 in batches of 64, while MLPs
    /// gain up to 1,000. So: as large as keeps the largest layer output of a batch within 4 MB.
    /// </summary>
    public static int BatchSizeFor(ModelPlan plan)
    {
        long largest = plan.Layers.Select(l => l.Output.Elements).Append(plan.Input.Elements).Max();
        return (int)Math.Clamp(CacheFloats / Math.Max(1, largest), MinBatch, MaxBatch);
    }

    public Evaluation Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor? predictions = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        model.eval();
        using var _ = no_grad();
        long n = x.shape[0];
        using var tally = metrics.StartEpoch(classes, y);
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(batchSize, n - start);
            var xb = x.narrow(0, start, size);
            var yb = y.narrow(0, start, size);
            var output = model.forward(xb);
            lossSum += loss.Compute(output, Targets.For(yb, oneHot, classes)).item<float>() * size;
            var predicted = output.argmax(1);
            correct += predicted.eq(yb).sum().item<long>();
            tally.Add(output, size);
            predictions?.narrow(0, start, size).copy_(predicted);
        }
        return new Evaluation(new MetricValues(metrics.Compute(tally.Read(n, lossSum, correct))), clock.Elapsed.TotalSeconds);
    }
}

/// <summary>Every recorded metric of one pass over a dataset, by its bare name, and how long the pass took.</summary>
public readonly record struct Evaluation(MetricValues Values, double Seconds);
