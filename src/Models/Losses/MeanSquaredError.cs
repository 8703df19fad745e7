using Runner.Models.Registries;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Losses;

/// <summary>Mean squared error against one-hot target rows (as Keras's mse on a classifier).</summary>
public sealed class MeanSquaredError : ILossType
{
    public string Name => "mse";
    public string Description => "Mean squared error between the output and one-hot targets.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];
    public bool NeedsOneHotTargets => true;
    public bool FusesSoftmax => false;

    /// <summary>The output is compared as it is: mse never has a softmax fused away.</summary>
    public Tensor Compute(Tensor output, Tensor target, bool outputIsLogits) =>
        nn.functional.mse_loss(output, target.to_type(output.dtype));
}
