using Runner.Config.Diagnostics;
using Runner.Models.Registries;
using Runner.Models.Shapes;

namespace Runner.Config.Binding;

/// <summary>
/// Checks that span sections, each pointing at the node to change: the layer stack on paper (shapes
/// and parameter counts), model input and output against the dataset, the loss against the label
/// format, and whether training fits in memory.
/// </summary>
public static class ExperimentChecks
{
    /// <summary>The model worked out on paper, or null when something is wrong (reported in <paramref name="bag"/>).</summary>
    public static ModelPlan? Check(BoundExperiment bound, ComponentRegistries models, double availableMemoryBytes, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        var (experiment, nodes, dataset) = (bound.Experiment, bound.Nodes, bound.Dataset);
        CheckLabels(bound, models, bag);
        var plan = Plan(bound, models, bag);
        if (plan is null) return null;

        if (dataset is not null)
        {
            var input = experiment.Model.Input;
            if (input.Elements != dataset.SampleShape.Elements)
                bag.Add(nodes.Input, $"model.input [{Dims(input)}] holds {input.Elements:N0} values per sample, but {experiment.Data.Dataset.Name} samples are [{Dims(dataset.SampleShape)}] = {dataset.SampleShape.Elements:N0}; write `input: [{Dims(dataset.SampleShape)}]` (any shape with {dataset.SampleShape.Elements:N0} values works)");
            var last = nodes.Layers.Count > 0 ? nodes.Layers[^1] : nodes.Model;
            var lastPath = $"model.layers.{experiment.Model.Layers.Count - 1}";
            if (plan.Output.Rank != 1)
                bag.Add(last, $"{lastPath}: the model ends in {plan.Output}, not one score per class; end with flatten and `dense: {{units: {dataset.Classes}}}`");
            else if (plan.Output[0] != dataset.Classes)
                bag.Add(last, $"{lastPath}: the last layer gives {plan.Output[0]} outputs but {experiment.Data.Dataset.Name} has {dataset.Classes} classes; set `units: {dataset.Classes}`");
        }

        var memory = MemoryEstimate.Of(plan, experiment.Train.BatchSize);
        if (memory.TotalBytes > availableMemoryBytes)
        {
            int dominant = MemoryEstimate.DominantLayer(plan, experiment.Train.BatchSize);
            bool atLayer = dominant >= 0 && dominant < nodes.Layers.Count && plan.Layers.Count == nodes.Layers.Count;
            bag.Add(atLayer ? nodes.Layers[dominant] : nodes.Model,
                (atLayer ? $"model.layers.{dominant} ({experiment.Model.Layers[dominant].Name}) needs most of the memory: " : "model: ")
                + memory.Explain(availableMemoryBytes));
        }
        return bag.Reports == errorsBefore ? plan : null;
    }

    static ModelPlan? Plan(BoundExperiment bound, ComponentRegistries models, DiagnosticBag bag)
    {
        var nodes = bound.Nodes;
        try
        {
            return ShapeInference.Infer(bound.Experiment.Model, models);
        }
        catch (LayerShapeException e)
        {
            bool isLayer = e.LayerIndex >= 0 && e.LayerIndex < nodes.Layers.Count;
            bag.Add(isLayer ? nodes.Layers[e.LayerIndex] : nodes.Input,
                (isLayer ? $"model.layers.{e.LayerIndex} ({bound.Experiment.Model.Layers[e.LayerIndex].Name})" : "model.input") + ": " + e.Message);
            return null;
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            bag.Add(nodes.Model, $"model: the layer stack can't be worked out ({e.Message}); check the sizes");
            return null;
        }
    }

    /// <summary>Class indices or one-hot rows: the loss decides, `data.one_hot` must agree.</summary>
    static void CheckLabels(BoundExperiment bound, ComponentRegistries models, DiagnosticBag bag)
    {
        var (experiment, nodes) = (bound.Experiment, bound.Nodes);
        if (!models.Losses.TryGet(experiment.Train.Loss.Name, out var loss)) return;
        if (loss.NeedsOneHotTargets && !experiment.Data.OneHot)
            bag.Add(nodes.Loss, $"train.loss: {loss.Name} needs one-hot targets but the labels are class indices; set `one_hot: true` in data, or use sparse_categorical_crossentropy");
        else if (!loss.NeedsOneHotTargets && experiment.Data.OneHot)
            bag.Add(nodes.OneHot, $"data.one_hot: true, but {loss.Name} takes class indices; remove one_hot, or use categorical_crossentropy");
    }

    static string Dims(Models.Specs.Shape shape) => string.Join(", ", shape.Dims);
}
