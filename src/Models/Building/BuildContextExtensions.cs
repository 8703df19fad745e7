using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Building;

/// <summary>What layer builders ask of the context: activation modules and initialised weights.</summary>
public static class BuildContextExtensions
{
    public static nn.Module<Tensor, Tensor> Activation(this BuildContext context, ComponentSpec activation) =>
        context.Registries.Activations.Get(activation.Name).Build(activation.Arguments);

    /// <summary>
    /// A new parameter of this shape, filled by the initializer from the run's init generator. Fans
    /// are Keras's: dense in/out units; conv kh*kw*in_channels and kh*kw*filters.
    /// </summary>
    public static Parameter Weights(this BuildContext context, long[] shape, ComponentSpec initializer, long fanIn, long fanOut)
    {
        var type = context.Registries.Initializers.Get(initializer.Name);
        // Detached: a model may be built inside a caller's dispose scope and must outlive it.
        var parameter = new Parameter(empty(shape));
        parameter.DetachFromDisposeScope();
        type.Fill(parameter, fanIn, fanOut, initializer.Arguments, context.Init);
        return parameter;
    }
}
