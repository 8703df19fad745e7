using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Activations;

/// <summary>
/// Softmax over Keras's last axis. Images run channels-first here ([N, C, H, W]), so Keras's last
/// (channel) axis is dim 1 for them; for every other rank it is the last dim.
/// </summary>
public sealed class KerasSoftmax() : nn.Module<Tensor, Tensor>("softmax")
{
    public override Tensor forward(Tensor x) => nn.functional.softmax(x, ChannelDim(x));

    /// <summary>The dim Keras normalises over, for a tensor in this project's TorchSharp layout.</summary>
    public static long ChannelDim(Tensor x) => x.dim() == 4 ? 1 : -1;
}
