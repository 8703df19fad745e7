using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// Keras's (inverted) dropout drawing its masks from the run's own generator, so a run's dropout is
/// reproducible and independent of other runs. Identity in eval mode. Masks are drawn on the CPU
/// (the generator's device) and moved to the input's device.
/// </summary>
public sealed class SeededDropout(double rate, Generator generator) : nn.Module<Tensor, Tensor>("dropout")
{
    public double Rate => rate;

    public override Tensor forward(Tensor input)
    {
        if (!training || rate == 0) return input;
        var keep = (rand(input.shape, input.dtype, generator: generator) >= rate).to(input.device);
        return input * keep / (1 - rate);
    }
}
