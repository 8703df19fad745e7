using Runner.Models.Building;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Models.Losses;

/// <summary>
/// A loss tied to a model: whether the model's final softmax is fused into it (pass
/// <see cref="FuseFinalSoftmax"/> to <see cref="ModelBuilder.Build"/>) and so whether the model's
/// outputs are logits. The training loop only calls <see cref="Compute"/>.
/// </summary>
public sealed class BoundLoss
{
    BoundLoss(ILossType type, bool fuseFinalSoftmax, bool outputIsLogits)
    {
        Type = type;
        FuseFinalSoftmax = fuseFinalSoftmax;
        OutputIsLogits = outputIsLogits;
    }

    public ILossType Type { get; }

    /// <summary>True when the model's final softmax is left out and computed inside the loss (log-softmax + NLL).</summary>
    public bool FuseFinalSoftmax { get; }

    /// <summary>True when the built model outputs logits: its softmax was fused, or the loss says from_logits.</summary>
    public bool OutputIsLogits { get; }

    public bool NeedsOneHotTargets => Type.NeedsOneHotTargets;

    public static BoundLoss Bind(ComponentSpec loss, ModelSpec model, ComponentRegistries registries)
    {
        var type = registries.Losses.Get(loss.Name);
        var args = type.WithDefaults(loss.Arguments);
        bool fuse = type.FusesSoftmax && ModelBuilder.EndsInSoftmax(model);
        bool fromLogits = args.TryGetValue("from_logits", out var v) && (bool)v;
        return new BoundLoss(type, fuse, fuse || fromLogits);
    }

    /// <summary>Mean loss over the batch.</summary>
    public Tensor Compute(Tensor output, Tensor target) => Type.Compute(output, target, OutputIsLogits);
}
