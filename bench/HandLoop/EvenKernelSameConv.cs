using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// A 2x2 convolution with Keras 'same' padding: the output keeps the input's size and the single padding
/// row/column goes at the bottom/right. Three ways to get there, chosen by <see cref="SamePadding"/>, so
/// the benchmark can measure what the zero-padded copy costs.
/// </summary>
public sealed class EvenKernelSameConv : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv;
    readonly SamePadding mode;

    public EvenKernelSameConv(long inChannels, long outChannels, SamePadding mode) : base(nameof(EvenKernelSameConv))
    {
        this.mode = mode;
        conv = mode switch
        {
            SamePadding.Explicit => nn.Conv2d(inChannels, outChannels, 2, stride: 1, padding: 0L),
            SamePadding.Libtorch => nn.Conv2d(inChannels, outChannels, 2, padding: Padding.Same),
            SamePadding.Overcompute => nn.Conv2d(inChannels, outChannels, 2, padding: 1),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        RegisterComponents();
    }

    public Conv2d Conv => conv;

    public override Tensor forward(Tensor input) => mode switch
    {
        // pad = (left, right, top, bottom) on the last two dims.
        SamePadding.Explicit => conv.forward(nn.functional.pad(input, (0, 1, 0, 1))),
        SamePadding.Libtorch => conv.forward(input),
        // Symmetric padding 1 gives an (H+1)x(W+1) output whose rows/columns 1..H are exactly Keras'
        // bottom/right-padded result: out[j] = sum_k w[k]·x[j-1+k], and Keras' o[i] = out[i+1].
        SamePadding.Overcompute => conv.forward(input).narrow(2, 1, input.shape[2]).narrow(3, 1, input.shape[3]),
        _ => throw new InvalidOperationException(),
    };
}
