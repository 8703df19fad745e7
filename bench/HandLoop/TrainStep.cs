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

/// <summary>A TorchSharp optimizer: TorchSharp's own Adam, or the runner's FusedAdam (the same class the
/// runner trains with, src/Models/Optimizers). Its zero_grad zeroes every gradient in place; with
/// gradsToNone the gradients are dropped instead (module.zero_grad(set_to_none: true), PyTorch 2's
/// default), so backward writes them fresh rather than memset + accumulate.</summary>
public sealed class TorchSharpStep(nn.Module model, OptimizerHelper optimizer, bool gradsToNone) : ITrainStep
{
    public void zero_grad()
    {
        if (gradsToNone) model.zero_grad(set_to_none: true);
        else optimizer.zero_grad();
    }

    public void step() => optimizer.step();
    public void Dispose() => optimizer.Dispose();

    // Keras's Adam: lr 0.001, betas 0.9/0.999, epsilon 1e-7.
    public static ITrainStep Create(nn.Module model, BenchOptions o) => o.Optimizer switch
    {
        "torchsharp" => new TorchSharpStep(model, optim.Adam(model.parameters(), 0.001, 0.9, 0.999, 1e-7), o.GradsToNone),
        "fused" => new TorchSharpStep(model, new Runner.Models.Optimizers.FusedAdam(model.parameters(), 0.001, 0.9, 0.999, 1e-7), o.GradsToNone),
        "lean" => new LeanAdam(model.parameters(), 0.001, 0.9, 0.999, 1e-7, o.GradsToNone),
        _ => throw new ArgumentException($"unknown optimizer '{o.Optimizer}'. Known: torchsharp, lean, fused"),
    };
}
