using Runner.Models.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Tests;

/// <summary>A small seeded batch: normal inputs and class labels, with the targets a loss wants.</summary>
sealed record TinyBatch(Tensor Inputs, Tensor Labels)
{
    public static TinyBatch Create(long[] sampleShape, int classes, int samples, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var inputs = randn([samples, .. sampleShape], generator: generator);
        var labels = randint(classes, [samples], generator: generator);
        return new TinyBatch(inputs, labels);
    }

    public Tensor TargetsFor(BoundLoss loss, int classes) =>
        loss.NeedsOneHotTargets ? nn.functional.one_hot(Labels, classes).to_type(ScalarType.Float32) : Labels;
}
