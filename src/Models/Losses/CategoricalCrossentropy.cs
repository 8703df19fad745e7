using Runner.Models.Activations;
using Runner.Models.Registries;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Losses;

/// <summary>Cross-entropy against one-hot (or soft) target rows.</summary>
public sealed class CategoricalCrossentropy : ILossType
{
    public string Name => "categorical_crossentropy";
    public string Description => "Cross-entropy with one-hot targets; fused log-softmax on logits.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [Probabilities.FromLogits];
    public bool NeedsOneHotTargets => true;
    public bool FusesSoftmax => true;

    public Tensor Compute(Tensor output, Tensor target, bool outputIsLogits)
    {
        long axis = KerasSoftmax.ChannelDim(output);
        // Keras rescales probabilities to sum to 1 before the clipped log.
        var logProbabilities = outputIsLogits
            ? nn.functional.log_softmax(output, axis)
            : Probabilities.ClampedLog(output / output.sum(axis, keepdim: true));
        return -(target * logProbabilities).sum(axis).mean();
    }
}
