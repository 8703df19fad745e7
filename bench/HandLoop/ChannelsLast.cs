using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// TorchSharp 0.107 has no memory_format argument, but NCHW-shaped tensors with NHWC strides are exactly
/// what PyTorch's to(memory_format=channels_last) makes: permute to NHWC, make contiguous, permute back.
/// libtorch's convolutions follow the weight's layout, so converting the weights switches the whole
/// conv stack (and the activations it produces) to channels-last.
/// </summary>
public static class ChannelsLast
{
    public static Tensor Of(Tensor nchw)
    {
        using var nhwc = nchw.permute(0, 2, 3, 1);
        using var dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
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
