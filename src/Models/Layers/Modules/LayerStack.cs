using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// The built model: its layers run in order. Unlike TorchSharp's Sequential it does not dispose each
/// intermediate output (the training loop's one DisposeScope per batch frees them), so a layer with
/// nothing to do may hand its input straight on instead of making a view; on small models every
/// such op saved is measurable (bench/). Parameters are registered under the layers' names, as
/// Sequential did, so checkpoint keys read "dense.weight".
/// </summary>
public sealed class LayerStack : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor>[] _layers;

    public LayerStack(IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Layer)> layers) : base("model")
    {
        _layers = layers.Select(l => l.Layer).ToArray();
        foreach (var (name, layer) in layers) register_module(name, layer);
    }

    public override Tensor forward(Tensor input)
    {
        var output = input;
        foreach (var layer in _layers) output = layer.call(output);
        // The caller owns what comes back; never hand it its own input.
        return ReferenceEquals(output, input) ? input.alias() : output;
    }
}
