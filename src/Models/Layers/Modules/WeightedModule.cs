using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>
/// A layer with a weight, an optional bias and an activation applied to its output. Parameters are
/// registered as "weight" and "bias", so checkpoint keys read "dense.weight", "conv2d_1.bias".
/// </summary>
public abstract class WeightedModule : nn.Module<Tensor, Tensor>
{
    protected readonly Parameter Weight;
    protected readonly Parameter? Bias;
    readonly nn.Module<Tensor, Tensor>? _activation;

    protected WeightedModule(string name, Parameter weight, Parameter? bias, nn.Module<Tensor, Tensor> activation) : base(name)
    {
        Weight = weight;
        Bias = bias;
        register_parameter("weight", weight);
        if (bias is not null) register_parameter("bias", bias);
        // A linear activation is skipped rather than run: it would add an op (an alias) per call.
        if (activation is TorchSharp.Modules.Identity)
        {
            activation.Dispose();
            return;
        }
        _activation = activation;
        register_module("activation", activation);
    }

    public sealed override Tensor forward(Tensor input) =>
        _activation is null ? Apply(input) : _activation.call(Apply(input));

    /// <summary>The layer's own computation, before the activation.</summary>
    protected abstract Tensor Apply(Tensor input);
}
