using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>The optimizer as the loop sees it: clear the gradients, apply one update.</summary>
public interface ITrainStep : IDisposable
{
    void zero_grad();
    void step();
}

/// <summary>TorchSharp's own Adam. Its zero_grad zeroes every gradient in place; with gradsToNone the
/// gradients are dropped instead (module.zero_grad(set_to_none: true), PyTorch 2's default), so backward
/// writes them fresh rather than memset + accumulate.</summary>
public sealed class TorchSharpAdam(nn.Module model, bool gradsToNone) : ITrainStep
{
    // Keras' Adam: lr 0.001, betas 0.9/0.999, epsilon 1e-7.
    readonly Adam adam = optim.Adam(model.parameters(), 0.001, 0.9, 0.999, 1e-7, 0, false, false);

    public void zero_grad()
    {
        if (gradsToNone) model.zero_grad(set_to_none: true);
        else adam.zero_grad();
    }

    public void step() => adam.step();
    public void Dispose() => adam.Dispose();

    public static ITrainStep Create(nn.Module model, BenchOptions o) => o.Optimizer switch
    {
        "torchsharp" => new TorchSharpAdam(model, o.GradsToNone),
        "lean" => new LeanAdam(model.parameters(), 0.001, 0.9, 0.999, 1e-7, o.GradsToNone),
        "fused" => new FusedAdam(model.parameters(), 0.001, 0.9, 0.999, 1e-7, o.GradsToNone),
        _ => throw new ArgumentException($"unknown optimizer '{o.Optimizer}'. Known: torchsharp, lean, fused"),
    };
}
