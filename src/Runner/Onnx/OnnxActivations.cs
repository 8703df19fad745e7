using Runner.Models.Activations;

namespace Runner.Onnx;

/// <summary>
/// The registered activations as standard ONNX operators (opset <see cref="OnnxExporter.Opset"/>), with
/// the constants TorchSharp's modules use. Gelu (an operator only from opset 20) and SiLU are built
/// from Erf, Sigmoid and arithmetic.
/// </summary>
public static class OnnxActivations
{
    public static string Linear(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) => x;

    public static OnnxActivation Op(string op) => (g, name, x, a, rank) => g.Node(op, $"{name}.{op.ToLowerInvariant()}", x);

    /// <summary>Over Keras's channel axis: dim 1 of an NCHW image, else the last (as <see cref="KerasSoftmax"/>).</summary>
    public static string Softmax(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) =>
        g.Node("Softmax", $"{name}.softmax", x, ("axis", rank == 4 ? 1L : -1L));

    public static string LeakyRelu(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) =>
        g.Node("LeakyRelu", $"{name}.leaky_relu", x, ("alpha", (float)a.Float("negative_slope")));

    public static string Elu(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) =>
        g.Node("Elu", $"{name}.elu", x, ("alpha", (float)a.Float("alpha")));

    /// <summary>PyTorch's exact constants; ONNX's defaults are rounded to 6 digits.</summary>
    public static string Selu(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) =>
        g.Node("Selu", $"{name}.selu", x, ("alpha", 1.6732632423543772f), ("gamma", 1.0507009873554805f));

    /// <summary>x * 0.5 * (1 + erf(x / sqrt 2)), the exact form torch's GELU computes.</summary>
    public static string Gelu(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank)
    {
        var scaled = g.Node("Mul", $"{name}.gelu_scale", [x, g.Scalar($"{name}.inv_sqrt2", (float)(1 / Math.Sqrt(2)))]);
        var erf = g.Node("Erf", $"{name}.gelu_erf", scaled);
        var plusOne = g.Node("Add", $"{name}.gelu_add", [erf, g.Scalar($"{name}.one", 1f)]);
        var half = g.Node("Mul", $"{name}.gelu_half", [x, g.Scalar($"{name}.half", 0.5f)]);
        return g.Node("Mul", $"{name}.gelu", [half, plusOne]);
    }

    /// <summary>x * sigmoid(x).</summary>
    public static string Silu(OnnxGraph g, string name, string x, Models.Specs.Arguments a, int rank) =>
        g.Node("Mul", $"{name}.silu", [x, g.Node("Sigmoid", $"{name}.silu_sigmoid", x)]);
}
