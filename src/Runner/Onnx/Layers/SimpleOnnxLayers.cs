namespace Runner.Onnx.Layers;

/// <summary>flatten: Flatten(axis 1) of the NCHW tensor, the order TorchSharp's flatten uses (C, H, W).</summary>
public sealed class FlattenOnnx : IOnnxLayer
{
    public string Layer => "flatten";
    public string Export(OnnxLayerContext c) => c.Graph.Node("Flatten", c.Name, c.Input, ("axis", 1L));
}

/// <summary>dropout: inference does nothing, so Identity (kept so the graph shows the layer).</summary>
public sealed class DropoutOnnx : IOnnxLayer
{
    public string Layer => "dropout";
    public string Export(OnnxLayerContext c) => c.Graph.Node("Identity", c.Name, c.Input);
}

/// <summary>activation: the activation alone.</summary>
public sealed class ActivationOnnx : IOnnxLayer
{
    public string Layer => "activation";
    public string Export(OnnxLayerContext c) => c.Activation(c.Input);
}
