using Runner.Models.Losses;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>Loss and accuracy of a model over a whole tensor dataset, without gradients.</summary>
public sealed class Evaluator(BoundLoss loss, bool oneHot, int classes)
{
    /// <summary>Evaluation needs no activations kept for backward, so it can take larger batches.</summary>
    const int EvalBatch = 1000;

    public Evaluation Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor? predictions = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        model.eval();
        using var _ = no_grad();
        long n = x.shape[0];
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < n; start += EvalBatch)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(EvalBatch, n - start);
            var xb = x.narrow(0, start, size);
            var yb = y.narrow(0, start, size);
            var output = model.forward(xb);
            lossSum += loss.Compute(output, Targets.For(yb, oneHot, classes)).item<float>() * size;
            var predicted = output.argmax(1);
            correct += predicted.eq(yb).sum().item<long>();
            predictions?.narrow(0, start, size).copy_(predicted);
        }
        return new Evaluation(lossSum / n, (double)correct / n, clock.Elapsed.TotalSeconds);
    }
}
