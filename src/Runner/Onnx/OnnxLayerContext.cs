using Runner.Models.Specs;
using static TorchSharp.torch;
using Runner.Data;

namespace Runner.Onnx;

/// <summary>
/// One layer to export: its summary name (dense_1), the graph value it reads, its validated arguments,
/// its input and output shapes (Keras layout: the graph itself runs in TorchSharp's NCHW, as the
/// model does), and its trained tensors by their names within the layer (weight, bias, running_mean...).
/// </summary>
public sealed record OnnxLayerContext(
    OnnxGraph Graph, string Name, string Input, Arguments Arguments, Shape InputShape, Shape OutputShape,
    IReadOnlyDictionary<string, Tensor> Tensors, OnnxMappings Mappings)
{
    public Tensor Tensor(string name) => Tensors.TryGetValue(name, out var t) ? t
        : throw new InvalidOperationException($"layer {Name} has no trained tensor '{name}' (has: {string.Join(", ", Tensors.Keys)})");

    /// <summary>The layer's activation (argument <paramref name="argument"/>) applied to <paramref name="value"/>.</summary>
    public string Activation(string value, string argument = "activation")
    {
        var spec = Arguments.Component(argument);
        var withDefaults = RunnerRegistries.Models.Activations.TryGet(spec.Name, out var type)
            ? spec with { Arguments = Models.Registries.ComponentDefaults.WithDefaults(type, spec.Arguments) } : spec;
        return Mappings.Activation(Graph, Name, value, withDefaults, OutputShape.Rank + 1);
    }
}

/// <summary>How one registered layer becomes ONNX nodes; returns the graph value of its output.</summary>
public interface IOnnxLayer
{
    /// <summary>The layer's registry name (dense, conv2d, ...).</summary>
    string Layer { get; }

    string Export(OnnxLayerContext layer);
}

/// <summary>How one registered activation becomes ONNX nodes: (graph, node name, input, arguments, tensor rank) -> output.</summary>
public delegate string OnnxActivation(OnnxGraph graph, string name, string input, Arguments arguments, int rank);

/// <summary>A layer or activation that has no ONNX form.</summary>
public sealed class OnnxMappingException(string message) : Exception(message);
