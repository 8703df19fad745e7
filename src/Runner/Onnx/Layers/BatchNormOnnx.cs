namespace Runner.Onnx.Layers;

/// <summary>
/// batchnorm in inference form: BatchNormalization with the moving mean and variance. ONNX normalises
/// dim 1, which is the channel for [N, C] and NCHW; a Keras [A, B] input normalises its last axis, so
/// it is transposed around the node as the module does.
/// </summary>
public sealed class BatchNormOnnx : IOnnxLayer
{
    public string Layer => "batchnorm";

    public string Export(OnnxLayerContext c)
    {
        // Rank 2 wraps TorchSharp's BatchNorm1d as "norm" (LastAxisBatchNorm).
        string prefix = c.Tensors.ContainsKey("norm.weight") ? "norm." : "";
        var g = c.Graph;
        string[] parameters =
        [
            g.Weight($"{c.Name}.gamma", c.Tensor(prefix + "weight")), g.Weight($"{c.Name}.beta", c.Tensor(prefix + "bias")),
            g.Weight($"{c.Name}.moving_mean", c.Tensor(prefix + "running_mean")), g.Weight($"{c.Name}.moving_variance", c.Tensor(prefix + "running_var")),
        ];
        bool lastAxis = c.InputShape.Rank == 2;
        var input = lastAxis ? g.Node("Transpose", $"{c.Name}.to_channels", c.Input, ("perm", new long[] { 0, 2, 1 })) : c.Input;
        var norm = g.Node("BatchNormalization", c.Name, [input, .. parameters], ("epsilon", (float)c.Arguments.Float("epsilon")));
        return lastAxis ? g.Node("Transpose", $"{c.Name}.from_channels", norm, ("perm", new long[] { 0, 2, 1 })) : norm;
    }
}
