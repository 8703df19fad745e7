using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// The model's first step: shapes a batch as model.input says. Datasets hand over [N, 28, 28] or
/// [N, 784]; images become channels-first [N, C, H, W]. With several channels the data is read
/// channels-last (Keras's layout) and permuted; with one channel a reshape is the same thing.
/// </summary>
public sealed class InputReshape(Shape input) : nn.Module<Tensor, Tensor>("input")
{
    readonly long[] _torchDims = [-1, .. input.TorchDims];
    readonly long[] _kerasDims = [-1, .. input.Dims.Select(d => (long)d)];
    readonly bool _permute = input.Rank == 3 && input[2] > 1;

    public override Tensor forward(Tensor batch)
    {
        if (_permute) return batch.reshape(_kerasDims).permute(0, 3, 1, 2);
        return HasTorchShape(batch) ? batch : batch.reshape(_torchDims);
    }

    bool HasTorchShape(Tensor batch)
    {
        var shape = batch.shape;
        if (shape.Length != _torchDims.Length) return false;
        for (int i = 1; i < shape.Length; i++)
            if (shape[i] != _torchDims[i]) return false;
        return true;
    }
}
