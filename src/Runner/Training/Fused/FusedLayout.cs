using Runner.Config;
using Runner.Models.Building;
using Runner.Models.Registries;
using Runner.Models.Shapes;
using Runner.Models.Specs;

namespace Runner.Training.Fused;

/// <summary>One layer of a fusable stack, as the stacked model runs it; Index is the layer's place in model.layers.</summary>
public abstract record FusedStep(int Index);

/// <summary>A dense layer: its parameters are named "&lt;Name&gt;.weight" and "&lt;Name&gt;.bias" in each run's model.</summary>
public sealed record DenseStep(int Index, string Name, bool HasBias) : FusedStep(Index);

public sealed record DropoutStep(int Index) : FusedStep(Index);

public sealed record ActivationStep(int Index) : FusedStep(Index);

/// <summary>
/// Which runs can train as one stacked model, and how it runs them. A run fuses when its model is a
/// dense stack (an optional flatten, then dense, dropout and activation layers) ending in a softmax the
/// cross-entropy loss takes as log-softmax + NLL, on a single-channel or flat input. Runs stack together
/// when their <see cref="ShapeKey"/>s are equal: the same layers and units, input, batch size, data
/// (dataset, split, limits), loss and device. Optimizers, learning rates, activations, initializers,
/// seeds, epochs, early stopping and dropout rates may differ.
/// </summary>
public static class FusedLayout
{
    static readonly HashSet<string> Losses = ["sparse_categorical_crossentropy", "categorical_crossentropy"];
    const string Flatten = "flatten", Dense = "dense", Dropout = "dropout", Activation = "activation";

    /// <summary>Null when the run can train fused, else why it can't.</summary>
    public static string? WhyNot(Experiment experiment, ComponentRegistries registries)
    {
        var model = experiment.Model;
        if (model.Input.Rank == 3 && model.Input[2] > 1) return "its input has several channels";
        for (int i = 0; i < model.Layers.Count; i++)
        {
            string name = registries.Layers.Get(model.Layers[i].Name).Name;
            if (name == Flatten && i == 0) continue;
            if (name is not (Dense or Dropout or Activation))
                return $"it has a {name} layer (only dense stacks fuse; convolutions stacked run slower on a CPU)";
        }
        if (model.Input.Rank != 1 && (model.Layers.Count == 0 || registries.Layers.Get(model.Layers[0].Name).Name != Flatten))
            return "its input is not flattened first";
        var loss = registries.Losses.Get(experiment.Train.Loss.Name).Name;
        if (!Losses.Contains(loss) || !ModelBuilder.EndsInSoftmax(model))
            return "it does not end in a softmax with a cross-entropy loss";
        for (int i = 0; i < model.Layers.Count - 1; i++)
            if (ActivationOf(model.Layers[i], i, registries) is { Name: var a } && registries.Activations.Get(a).Name == "softmax")
                return "it has a softmax before its last layer";
        return null;
    }

    /// <summary>What must agree for runs to stack (see the class summary).</summary>
    public static string ShapeKey(Experiment experiment, ComponentRegistries registries)
    {
        var (data, model, train) = (experiment.Data, experiment.Model, experiment.Train);
        var layers = model.Layers.Select((layer, i) =>
        {
            var (type, args) = ShapeInference.Resolve(layer, i, registries);
            var shape = args.Keys.Where(k => k is not ("activation" or "kernel_initializer" or "bias_initializer" or "rate"))
                .Select(k => $"{k}={args[k]}");
            return $"{type.Name}({string.Join(",", shape)})";
        });
        return string.Join(" | ",
            $"data {data.Dataset} split {data.ValidationSplit.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}/{data.SplitSeed} " +
            $"onehot {data.OneHot} limits {data.TrainLimit}/{data.TestLimit}/{data.ValidationLimit}",
            $"input {model.Input}", string.Join(" ", layers),
            $"loss {train.Loss}", $"batch {train.BatchSize}", $"device {train.Device}");
    }

    /// <summary>The layers the stacked model runs after the input is flattened (plan names, as the run's parameters are named).</summary>
    public static IReadOnlyList<FusedStep> Steps(ModelSpec model, ComponentRegistries registries)
    {
        var plan = ShapeInference.Infer(model, registries);
        var steps = new List<FusedStep>();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var (type, args) = ShapeInference.Resolve(model.Layers[i], i, registries);
            switch (type.Name)
            {
                case Dense: steps.Add(new DenseStep(i, plan.Layers[i].Name, args.Bool("use_bias"))); break;
                case Dropout: steps.Add(new DropoutStep(i)); break;
                case Activation: steps.Add(new ActivationStep(i)); break;
            }
        }
        return steps;
    }

    /// <summary>A dense or activation layer's activation as the run's model applies it (the final softmax is in the loss).</summary>
    public static ComponentSpec? ActivationOf(ComponentSpec layer, int index, ComponentRegistries registries)
    {
        var (_, args) = ShapeInference.Resolve(layer, index, registries);
        return args.TryGetValue("activation", out var a) && a is ComponentSpec spec ? spec : null;
    }

    public static double DropoutRate(ComponentSpec layer, int index, ComponentRegistries registries) =>
        ShapeInference.Resolve(layer, index, registries).Arguments.Float("rate");
}
