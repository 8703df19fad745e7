using Runner.Models.Registries;
using Runner.Models.Optimizers;
using static TorchSharp.torch;

namespace Runner.Models.Losses;

/// <summary>What the cross-entropy losses share: Keras's clipped log and the `from_logits` declaration.</summary>
static class Probabilities
{
    public const double Epsilon = 1e-7;

    /// <summary>Keras clips probabilities to [1e-7, 1 - 1e-7] before the log, so a confident mistake costs ~16, not infinity.</summary>
    public static Tensor ClampedLog(Tensor probabilities)
    {
        using var s = new KeptScalars();
        return probabilities.clamp(s[Epsilon], s[1 - Epsilon]).log();
    }

    public static readonly ParameterInfo FromLogits = Param.Bool(
        "from_logits", false,
        "The model outputs logits (no final softmax). Not needed when the model ends in softmax: that softmax is fused into the loss anyway.");
}
