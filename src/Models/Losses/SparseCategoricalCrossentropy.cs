using Runner.Models.Registries;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Losses;

/// <summary>Cross-entropy against class indices (targets 0..C-1).</summary>
public sealed class SparseCategoricalCrossentropy : ILossType
{
    public string Name => "sparse_categorical_crossentropy";
    public string Description => "Cross-entropy with integer class targets; fused log-softmax + NLL on logits.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [Probabilities.FromLogits];
    public bool NeedsOneHotTargets => false;
    public bool FusesSoftmax => true;

    public Tensor Compute(Tensor output, Tensor target, bool outputIsLogits)
    {
        var classes = target.dtype == ScalarType.Int64 ? target : target.to_type(ScalarType.Int64);
        return outputIsLogits
            ? nn.functional.cross_entropy(output, classes)
            : nn.functional.nll_loss(Probabilities.ClampedLog(output), classes);
    }
}
