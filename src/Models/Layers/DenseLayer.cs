using Runner.Models.Building;
using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

public sealed class DenseLayer : ILayerType
{
    public string Name => "dense";
    public string KerasClass => "Dense";
    public string Description => "Fully connected layer: activation(x W + b).";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        Param.Int("units", null, "Number of outputs.", ValueRange.AtLeast(1)),
        LayerParameters.Activation, LayerParameters.KernelInitializer, LayerParameters.BiasInitializer, LayerParameters.UseBias,
    ];

    public Shape OutputShape(Arguments args, Shape input)
    {
        // Keras would apply Dense to the last axis of a non-flat input; here that is almost always a
        // missing flatten, so it is an error that says so.
        if (input.Rank != 1)
            throw new ShapeException($"dense needs a flat input (features) but gets {input}; put flatten before dense");
        return new Shape(args.Int("units"));
    }

    public long ParameterCount(Arguments args, Shape input)
    {
        long units = args.Int("units");
        return input[0] * units + (args.Bool("use_bias") ? units : 0);
    }

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context)
    {
        long inputs = input[0], units = args.Int("units");
        var weight = context.Weights([units, inputs], args.Component("kernel_initializer"), inputs, units);
        var bias = args.Bool("use_bias") ? context.Weights([units], args.Component("bias_initializer"), inputs, units) : null;
        return new DenseModule(weight, bias, context.Activation(args.Component("activation")));
    }
}
