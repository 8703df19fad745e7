using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// Max or average pooling on [N, C, H, W] with Keras's padding. Padded cells never win a max and
/// never count in an average (Keras's rule): symmetric padding uses the op's own padding
/// (count_include_pad false); asymmetric padding pads explicitly and, for averages, divides by the
/// share of real cells under each window, computed once for the layer's fixed input size.
/// </summary>
public sealed class Pool2dModule : nn.Module<Tensor, Tensor>
{
    readonly bool _max;
    readonly long[] _window, _strides, _opPadding;
    readonly long[]? _explicitPadding;
    readonly Tensor? _realShare;

    public Pool2dModule(bool max, (long Height, long Width) window, (long Height, long Width) strides,
        AxisWindow height, AxisWindow width, (long Height, long Width) input)
        : base(max ? "max_pooling2d" : "average_pooling2d")
    {
        _max = max;
        _window = [window.Height, window.Width];
        _strides = [strides.Height, strides.Width];
        (_opPadding, _explicitPadding) = WindowPadding.Split(height, width);
        if (!max && _explicitPadding is not null)
        {
            using var ones = torch.ones(1, 1, input.Height, input.Width);
            using var padded = nn.functional.pad(ones, _explicitPadding);
            _realShare = nn.functional.avg_pool2d(padded, _window, _strides).DetachFromDisposeScope();
            register_buffer("real_share", _realShare, persistent: false);
        }
    }

    public override Tensor forward(Tensor input)
    {
        if (_explicitPadding is null)
            return _max
                ? nn.functional.max_pool2d(input, _window, _strides, _opPadding)
                : nn.functional.avg_pool2d(input, _window, _strides, _opPadding, count_include_pad: false);
        if (_max)
            return nn.functional.max_pool2d(nn.functional.pad(input, _explicitPadding, value: double.NegativeInfinity), _window, _strides);
        return nn.functional.avg_pool2d(nn.functional.pad(input, _explicitPadding), _window, _strides) / _realShare!;
    }
}
