using Runner.Models.Layers;

namespace Runner.Onnx.Layers;

/// <summary>conv2d: Conv on NCHW with Keras's padding as explicit (possibly asymmetric) pads, then the activation.</summary>
public sealed class Conv2dOnnx : IOnnxLayer
{
    public string Layer => "conv2d";

    public string Export(OnnxLayerContext c)
    {
        var kernel = c.Arguments.Pair("kernel_size");
        var strides = c.Arguments.Pair("strides");
        var inputs = new List<string> { c.Input, c.Graph.Weight($"{c.Name}.weight", c.Tensor("weight")) };
        if (c.Tensors.ContainsKey("bias")) inputs.Add(c.Graph.Weight($"{c.Name}.bias", c.Tensor("bias")));
        var conv = c.Graph.Node("Conv", c.Name, inputs,
            ("kernel_shape", new long[] { kernel.Height, kernel.Width }),
            ("strides", new long[] { strides.Height, strides.Width }),
            ("pads", WindowPads.Of(c.InputShape, kernel, strides, c.Arguments.Text("padding"))));
        return c.Activation(conv);
    }
}

/// <summary>Keras's window padding (<see cref="Spatial"/>) as ONNX pads: [top, left, bottom, right].</summary>
static class WindowPads
{
    public static long[] Of(Models.Specs.Shape input, Models.Specs.IntPair window, Models.Specs.IntPair strides, string padding)
    {
        var (height, width) = Spatial.Windows("window", Spatial.RequireImage("layer", input), window, strides, padding);
        return [height.PadBefore, width.PadBefore, height.PadAfter, width.PadAfter];
    }
}
