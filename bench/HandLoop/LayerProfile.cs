using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// Where a batch's time goes, layer by layer: each child of the Sequential is timed alone on the real
/// activation it sees in training (forward, then backward of a ones gradient, which computes the
/// gradients of its input and its parameters). Milliseconds per batch, median of the repetitions.
/// </summary>
public static class LayerProfile
{
    public sealed record LayerTime(string Layer, string Shape, string Strides, double ForwardMs, double BackwardMs);

    public static List<LayerTime> Measure(nn.Module<Tensor, Tensor> model, Tensor batch, int repeats)
    {
        model.train();
        var times = new List<LayerTime>();
        using var scope = NewDisposeScope();
        var input = batch;
        var first = true;
        foreach (var (name, child) in model.named_children())
        {
            var layer = (nn.Module<Tensor, Tensor>)child;
            var forward = new List<double>();
            var backward = new List<double>();
            Tensor output = input;
            for (var r = 0; r < repeats + 1; r++)   // the first repetition warms up (oneDNN primitive creation)
            {
                using var inner = NewDisposeScope();
                var x = input.detach().requires_grad_(!first);
                var clock = Stopwatch.StartNew();
                var y = layer.forward(x);
                var f = clock.Elapsed.TotalMilliseconds;
                using var ones = ones_like(y);
                clock.Restart();
                y.backward([ones]);
                var b = clock.Elapsed.TotalMilliseconds;
                if (r > 0) { forward.Add(f); backward.Add(b); }
                if (r == repeats) output = y.detach().MoveToOuterDisposeScope();
            }
            times.Add(new LayerTime(name, string.Join("x", output.shape), string.Join(",", output.stride()), Median(forward), Median(backward)));
            foreach (var p in layer.parameters()) p.grad = null;
            input = output;
            first = false;
        }
        return times;
    }

    static double Median(List<double> values)
    {
        values.Sort();
        return Math.Round(values[values.Count / 2], 3);
    }
}
