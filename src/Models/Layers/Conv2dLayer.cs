using Runner.Models.Building;
using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

public sealed class Conv2dLayer : ILayerType
{
    public string Name => "conv2d";
    public string KerasClass => "Conv2D";
    public string Description => "2-D convolution over an image (height, width, channels).";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        Param.Int("filters", null, "Number of output channels.", ValueRange.AtLeast(1)),
        Param.Pair("kernel_size", null, "Window size: 5 or [5, 3] (height, width).", ValueRange.AtLeast(1)),
        Param.Pair("strides", new IntPair(1, 1), "Step of the window: 1 or [2, 1].", ValueRange.AtLeast(1)),
        LayerParameters.Padding, LayerParameters.Activation,
        LayerParameters.KernelInitializer, LayerParameters.BiasInitializer, LayerParameters.UseBias,
    ];

    public Shape OutputShape(Arguments args, Shape input)
    {
        var (height, width) = Windows(args, Spatial.RequireImage(Name, input));
        return new Shape(height.Output, width.Output, args.Int("filters"));
    }

    public long ParameterCount(Arguments args, Shape input)
    {
        var kernel = args.Pair("kernel_size");
        long filters = args.Int("filters");
        return (long)kernel.Height * kernel.Width * input[2] * filters + (args.Bool("use_bias") ? filters : 0);
    }

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context)
    {
        var image = Spatial.RequireImage(Name, input);
        var (height, width) = Windows(args, image);
        var kernel = args.Pair("kernel_size");
        var strides = args.Pair("strides");
        long filters = args.Int("filters"), area = (long)kernel.Height * kernel.Width;
        long fanIn = area * image.Channels, fanOut = area * filters;
        var weight = context.Weights([filters, image.Channels, kernel.Height, kernel.Width], args.Component("kernel_initializer"), fanIn, fanOut);
        var bias = args.Bool("use_bias") ? context.Weights([filters], args.Component("bias_initializer"), fanIn, fanOut) : null;
        return new Conv2dModule(weight, bias, context.Activation(args.Component("activation")),
            (strides.Height, strides.Width), height, width);
    }

    static (AxisWindow Height, AxisWindow Width) Windows(Arguments args, Image image) =>
        Spatial.Windows("kernel", image, args.Pair("kernel_size"), args.Pair("strides"), args.Text("padding"));
}
