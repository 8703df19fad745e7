using Runner.Models.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Optimizers;

/// <summary>The fused Adam computes TorchSharp's Adam update, and its state survives a checkpoint.</summary>
[Collection(TorchCollection.Name)]
public class FusedAdamTests
{
    /// <summary>Same starting weights for both optimizers: a big (threaded) matrix, a small vector and
    /// optionally a channels-last 4-d weight (TorchSharp can't save that one's state: it only saves
    /// contiguous tensors, which is why the runner keeps parameters contiguous).</summary>
    static Parameter[] Weights(int seed, bool channelsLast = false)
    {
        using var g = new Generator((ulong)seed);
        Parameter[] weights = [new Parameter(randn(300, 301, generator: g)), new Parameter(randn(7, generator: g))];
        if (!channelsLast) return weights;
        var nhwc = empty_strided([8, 3, 5, 5], [75, 1, 15, 3]).copy_(randn(8, 3, 5, 5, generator: g));
        return [.. weights, new Parameter(nhwc)];
    }

    static void Step(OptimizerHelper optimizer, Parameter[] weights, int step)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        using var g = new Generator((ulong)(100 + step));
        var loss = weights.Select(w => (w * randn(w.shape, generator: g)).sum() + w.pow(2).sum() * 0.01).Aggregate((a, b) => a + b);
        loss.backward();
        optimizer.step();
    }

    [Fact]
    public void Twenty_steps_match_TorchSharps_Adam_to_float_rounding_on_contiguous_and_channels_last_weights()
    {
        var (fusedWeights, plainWeights) = (Weights(1, channelsLast: true), Weights(1, channelsLast: true));
        using var fused = new FusedAdam(fusedWeights, 0.01, 0.9, 0.999, 1e-7);
        using var plain = optim.Adam(plainWeights, 0.01, 0.9, 0.999, 1e-7);
        set_num_threads(2);   // the large matrix is split across threads
        for (int step = 0; step < 20; step++)
        {
            Step(fused, fusedWeights, step);
            Step(plain, plainWeights, step);
        }
        foreach (var (f, p) in fusedWeights.Zip(plainWeights))
            Assert.True(f.allclose(p, rtol: 1e-4, atol: 1e-5), $"max difference {(f - p).abs().max().item<float>()}");
        Assert.True((fusedWeights[0] - Weights(1)[0]).abs().max().item<float>() > 0.1, "the weights moved");
    }

    [Fact]
    public void Its_saved_state_loads_and_training_continues_bit_identically()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fused-adam-{Guid.NewGuid():N}.bin");
        try
        {
            var (a, b) = (Weights(2), Weights(2));
            using var first = new FusedAdam(a, 0.01, 0.9, 0.999, 1e-7);
            for (int step = 0; step < 5; step++) Step(first, a, step);
            first.save_state_dict(path);

            // b catches up with a's weights, then its own optimizer takes over a's saved state.
            using (no_grad()) foreach (var (target, source) in b.Zip(a)) target.copy_(source);
            using var resumed = new FusedAdam(b, 0.01, 0.9, 0.999, 1e-7);
            resumed.load_state_dict(path);
            for (int step = 5; step < 10; step++)
            {
                Step(first, a, step);
                Step(resumed, b, step);
            }
            Assert.All(a.Zip(b), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
        }
        finally { File.Delete(path); }
    }
}
