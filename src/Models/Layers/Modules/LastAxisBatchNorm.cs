using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// Batch normalisation over the last axis of [N, A, B] (Keras normalises the last axis; TorchSharp's
/// BatchNorm1d wants features in dim 1, hence the transposes).
/// </summary>
public sealed class LastAxisBatchNorm : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> _norm;

    public LastAxisBatchNorm(nn.Module<Tensor, Tensor> norm) : base("batch_normalization")
    {
        _norm = norm;
        register_module("norm", norm);
    }

    public override Tensor forward(Tensor input) => _norm.call(input.transpose(1, 2)).transpose(1, 2);
}
