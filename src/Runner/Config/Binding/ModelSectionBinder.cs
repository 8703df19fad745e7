using Runner.Text;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Data;
using Runner.Models.Registries;
using Runner.Models.Specs;
using Runner.Files;

namespace Runner.Config.Binding;

/// <summary>
/// `model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}`. The
/// input defaults to the dataset's sample shape when the dataset can tell it before loading.
/// </summary>
static class ModelSectionBinder
{
    public const int MaxInputRank = 3;

    public static readonly IntListKey Input = new("input", ValueRange.AtLeast(1), MaxInputRank,
        "the shape of one sample: [28, 28], or [28, 28, 1] for images with channels; default: the dataset's");
    public static readonly ComponentListKey Layers = new("layers", "layer", "the layer stack, first to last: `- flatten`, `- dense: {units: 100}`")
        { Required = true };

    public static readonly Section Section = new("model", "the layer stack", [Input, Layers]);

    public static (ModelSpec? Spec, ConfigNode InputNode, IReadOnlyList<ConfigNode> LayerNodes) Bind(
        SectionReader model, ComponentBinder components, DatasetInfo? dataset, DiagnosticBag bag)
    {
        var inputNode = model[Input];
        Shape? input = null;
        if (inputNode is not null)
        {
            var dims = Values.IntList(inputNode, "model.input", bag, Input.Range);
            if (dims is { Count: > MaxInputRank })
                bag.Add(inputNode, $"model.input: {dims.Count} dimensions; give at most {MaxInputRank}, as (height, width, channels) or a flat length");
            else if (dims is not null && Limits.SampleValues(dims) is null)
                bag.Add(inputNode, $"model.input: {string.Join(" x ", dims)} values per sample, more than the limit of {Numbers.Count(Limits.MaxSampleValues)}; use smaller samples");
            else if (dims is not null) input = new Shape(dims.ToArray());
        }
        else if (dataset is not null) input = dataset.SampleShape;
        else model.Missing(Input.Name, "[28, 28]");

        var layersNode = model[Layers];
        var layerNodes = new List<ConfigNode>();
        var layers = new List<ComponentSpec>();
        bool layersOk = true;
        if (layersNode is null)
        {
            model.Missing(Layers.Name, "[flatten, {dense: {units: 10, activation: softmax}}]");
            layersOk = false;
        }
        else if (layersNode is not SequenceNode { Items.Count: > 0 } list)
        {
            bag.Add(layersNode, $"model.layers: expected a non-empty list of layers, got {layersNode.Describe()}; write one `- layer` per line");
            layersOk = false;
        }
        else
        {
            for (int i = 0; i < list.Items.Count; i++)
            {
                layerNodes.Add(list.Items[i]);
                var layer = components.Bind(list.Items[i], components.Models.Layers, $"model.layers.{i}");
                if (layer is null) layersOk = false; else layers.Add(layer);
            }
        }
        model.ReportUnknownKeys();
        var spec = input is not null && layersOk ? new ModelSpec(input, layers) : null;
        return (spec, inputNode ?? model.Node, layerNodes);
    }
}
