namespace Runner.Onnx.Layers;

/// <summary>
/// maxpool2d and avgpool2d: MaxPool / AveragePool with explicit pads. ONNX's MaxPool never picks a
/// padded cell and AveragePool (count_include_pad 0) never counts one: Keras's rule, as the module does.
/// </summary>
public sealed class Pool2dOnnx(bool max) : IOnnxLayer
{
    public string Layer => max ? "maxpool2d" : "avgpool2d";

    public string Export(OnnxLayerContext c)
    {
        var window = c.Arguments.Pair("pool_size");
        var strides = c.Arguments.OptionalPair("strides") ?? window;
        return c.Graph.Node(max ? "MaxPool" : "AveragePool", c.Name, c.Input,
            ("kernel_shape", new long[] { window.Height, window.Width }),
            ("strides", new long[] { strides.Height, strides.Width }),
            ("pads", WindowPads.Of(c.InputShape, window, strides, c.Arguments.Text("padding"))));
    }
}
