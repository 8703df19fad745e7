namespace Runner.Onnx.Layers;

/// <summary>dense: Gemm(x, W, b) with transB, since W is stored [units, inputs] as TorchSharp's linear takes it.</summary>
public sealed class DenseOnnx : IOnnxLayer
{
    public string Layer => "dense";

    public string Export(OnnxLayerContext c)
    {
        var inputs = new List<string> { c.Input, c.Graph.Weight($"{c.Name}.weight", c.Tensor("weight")) };
        if (c.Tensors.ContainsKey("bias")) inputs.Add(c.Graph.Weight($"{c.Name}.bias", c.Tensor("bias")));
        return c.Activation(c.Graph.Node("Gemm", c.Name, inputs, ("transB", 1L)));
    }
}
