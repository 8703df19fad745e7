using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// TorchSharp 0.107 has no memory_format argument, but an NCHW-shaped tensor with NHWC strides
/// (C·H·W, 1, W·C, C) is exactly what PyTorch's to(memory_format=channels_last) makes. We build it with
/// empty_strided + copy_ rather than permute/contiguous/permute, which is a no-op when C == 1 (size-1
/// dimensions don't count for contiguity) and would leave the first convolution's weight and the
/// one-channel input in NCHW. libtorch's convolutions follow the input's or the weight's layout, so
/// channels-last weights switch the conv stack, and the activations it produces, to channels-last.
/// </summary>
public static class ChannelsLast
{
    public static Tensor Of(Tensor nchw)
    {
        var (c, h, w) = (nchw.shape[1], nchw.shape[2], nchw.shape[3]);
        var result = empty_strided(nchw.shape, [c * h * w, 1, w * c, c], nchw.dtype, nchw.device);
        return result.copy_(nchw);
    }

    public static void ConvertConvWeights(nn.Module model)
    {
        using var _ = no_grad();
        foreach (var module in model.modules())
        {
            if (module is not Conv2d conv) continue;   // modules() recurses, so wrapped convs are found too
            var old = conv.weight!;
            conv.weight = new Parameter(Of(old.detach()));
            old.Dispose();
        }
    }
}
