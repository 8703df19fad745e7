using Runner.Models.Registries;
using TorchSharp;

namespace Runner.Models.Activations;

/// <summary>Keras's activations, mapped onto TorchSharp modules (same formulas and defaults as Keras).</summary>
public static class StandardActivations
{
    public static readonly ActivationType Linear = new("linear", "Identity: f(x) = x.", [], _ => torch.nn.Identity());

    public static readonly ActivationType Relu = new("relu", "max(x, 0).", [], _ => torch.nn.ReLU());

    public static readonly ActivationType Sigmoid = new("sigmoid", "1 / (1 + exp(-x)).", [], _ => torch.nn.Sigmoid());

    public static readonly ActivationType Tanh = new("tanh", "Hyperbolic tangent.", [], _ => torch.nn.Tanh());

    public static readonly ActivationType Softmax = new(
        "softmax",
        "exp(x) / sum(exp(x)) over the last (channel) axis; fused into a cross-entropy loss when it ends the model.",
        [],
        _ => new KerasSoftmax());

    public static readonly ActivationType LeakyRelu = new(
        "leaky_relu",
        "x if x > 0, else negative_slope * x.",
        [Param.Float("negative_slope", 0.2, "Slope for x < 0 (Keras default 0.2; PyTorch's is 0.01).", ValueRange.NonNegative)],
        a => new KeptScalarLeakyRelu(a.Float("negative_slope")));

    public static readonly ActivationType Elu = new(
        "elu",
        "x if x > 0, else alpha * (exp(x) - 1).",
        [Param.Float("alpha", 1.0, "Scale of the negative part.", ValueRange.NonNegative)],
        a => new KeptScalarElu(a.Float("alpha")));

    public static readonly ActivationType Selu = new("selu", "Scaled ELU with the self-normalising constants (use with lecun_normal).", [], _ => torch.nn.SELU());

    public static readonly ActivationType Gelu = new("gelu", "x * Phi(x), the exact (erf) form as Keras's default.", [], _ => torch.nn.GELU());

    public static readonly ActivationType Silu = new("silu", "x * sigmoid(x) (swish).", [], _ => torch.nn.SiLU());

    public static readonly ActivationType Softplus = new("softplus", "log(1 + exp(x)).", [], _ => torch.nn.Softplus());
}
