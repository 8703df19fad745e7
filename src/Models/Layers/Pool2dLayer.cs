using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

/// <summary>maxpool2d and avgpool2d: the same window arithmetic, a different reduction.</summary>
public sealed class Pool2dLayer : ILayerType
{
    readonly bool _max;

    Pool2dLayer(bool max) => _max = max;

    public static Pool2dLayer Max { get; } = new(max: true);
    public static Pool2dLayer Average { get; } = new(max: false);

    public string Name => _max ? "maxpool2d" : "avgpool2d";
    public string KerasClass => _max ? "MaxPooling2D" : "AveragePooling2D";
    public string Description => _max ? "Maximum over each window of an image." : "Mean over each window of an image (padding excluded).";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        Param.Pair("pool_size", new IntPair(2, 2), "Window size: 2 or [2, 3].", ValueRange.AtLeast(1)),
        Param.Pair("strides", null, "Step of the window; defaults to pool_size.", ValueRange.AtLeast(1), optional: true),
        LayerParameters.Padding,
    ];

    public Shape OutputShape(Arguments args, Shape input)
    {
        var image = Spatial.RequireImage(Name, input);
        var (height, width) = Windows(args, image);
        return new Shape(height.Output, width.Output, image.Channels);
    }

    public long ParameterCount(Arguments args, Shape input) => 0;

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context)
    {
        var image = Spatial.RequireImage(Name, input);
        var (height, width) = Windows(args, image);
        var window = args.Pair("pool_size");
        var strides = Strides(args);
        return new Pool2dModule(_max, (window.Height, window.Width), (strides.Height, strides.Width), height, width, (image.Height, image.Width));
    }

    static IntPair Strides(Arguments args) => args.OptionalPair("strides") ?? args.Pair("pool_size");

    static (AxisWindow Height, AxisWindow Width) Windows(Arguments args, Image image) =>
        Spatial.Windows("pool", image, args.Pair("pool_size"), Strides(args), args.Text("padding"));
}
