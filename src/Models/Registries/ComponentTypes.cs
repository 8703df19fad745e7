using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Registries;

/// <summary>A layer: shape inference and parameter count on paper, and the TorchSharp module.</summary>
public interface ILayerType : IComponentType
{
    /// <summary>Keras's class name for the summary ("Conv2D"); row names derive from it (conv2d, conv2d_1).</summary>
    string KerasClass { get; }

    /// <summary>The output shape for this input; throws <see cref="ShapeException"/> if the layer can't take it.</summary>
    Shape OutputShape(Arguments args, Shape input);

    /// <summary>Parameters as Keras counts them (batchnorm's moving mean and variance included).</summary>
    long ParameterCount(Arguments args, Shape input);

    /// <summary>The part of <see cref="ParameterCount"/> that training does not update (batchnorm's moving statistics).</summary>
    long NonTrainableParameterCount(Arguments args, Shape input) => 0;

    nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context);
}

public interface IActivationType : IComponentType
{
    nn.Module<Tensor, Tensor> Build(Arguments args);
}

public interface IInitializerType : IComponentType
{
    /// <summary>Fills <paramref name="target"/> in place (under no_grad), drawing only from <paramref name="generator"/>.</summary>
    void Fill(Tensor target, long fanIn, long fanOut, Arguments args, Generator generator);
}

public interface IOptimizerType : IComponentType
{
    /// <remarks>OptimizerHelper, not the bare Optimizer: it carries save/load of state and the param groups.</remarks>
    TorchSharp.Modules.OptimizerHelper Build(IEnumerable<TorchSharp.Modules.Parameter> parameters, Arguments args);
}

public interface ILossType : IComponentType
{
    /// <summary>True when targets must be one-hot rows rather than class indices.</summary>
    bool NeedsOneHotTargets { get; }

    /// <summary>
    /// True when a final softmax is better fused into this loss (log-softmax + NLL on logits) than
    /// computed on its own.
    /// </summary>
    bool FusesSoftmax { get; }

    /// <summary>Mean loss over the batch. <paramref name="outputIsLogits"/> is true when the softmax was fused away.</summary>
    Tensor Compute(Tensor output, Tensor target, bool outputIsLogits);
}

/// <summary>
/// A metric: computed once per epoch and split from what the epoch counted, with its direction and the
/// values it can take (early stopping, pruning and the report use both, never guessing from the name).
/// Adding one = a class implementing this plus a line in BuiltIns.
/// </summary>
public interface IMetricType : IComponentType
{
    /// <summary>True when higher values are better (accuracy, F1), false when lower are (loss).</summary>
    bool HigherIsBetter { get; }

    /// <summary>The values it can take: [0, 1] for a rate; intervals in the report are clipped to it.</summary>
    ValueRange Range { get; }

    /// <summary>What the epoch must count for it beyond the loss and the correct predictions.</summary>
    Metrics.MetricNeeds Needs(Arguments args) => Metrics.MetricNeeds.Nothing;

    double Compute(Metrics.EpochCounts counts, Arguments args);
}

/// <summary>What a builder needs beyond its arguments: the run's own random streams and the registries.</summary>
public sealed record BuildContext(Generator Init, Generator Dropout, ComponentRegistries Registries);

/// <summary>Thrown when a layer cannot take its input shape; the message says what would fit.</summary>
public sealed class ShapeException(string message) : Exception(message);
