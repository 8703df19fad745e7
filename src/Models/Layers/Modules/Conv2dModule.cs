using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// A 2-D convolution on [N, C, H, W] with Keras's padding. Symmetric padding goes to conv2d itself;
/// Keras's 'same' with an even kernel pads one more row/column at the bottom/right, which conv2d
/// cannot express, so that case pads explicitly first (an extra copy per batch, ~0.1 ms for the
/// reference CNN, docs/architecture.md: measured not to matter, bench/README.md). Inputs are laid out channels-last
/// (<see cref="ChannelsLast"/>); after the first convolution they already are.
/// </summary>
public sealed class Conv2dModule : WeightedModule
{
    readonly long[] _strides;
    readonly long[] _convPadding;
    readonly long[]? _explicitPadding;

    public Conv2dModule(Parameter weight, Parameter? bias, nn.Module<Tensor, Tensor> activation,
        (long Height, long Width) strides, AxisWindow height, AxisWindow width)
        : base("conv2d", weight, bias, activation)
    {
        _strides = [strides.Height, strides.Width];
        (_convPadding, _explicitPadding) = WindowPadding.Split(height, width);
    }

    protected override Tensor Apply(Tensor input)
    {
        var padded = _explicitPadding is null ? input : nn.functional.pad(input, _explicitPadding);
        return nn.functional.conv2d(ChannelsLast.Of(padded), Weight, Bias, _strides, _convPadding);
    }
}
