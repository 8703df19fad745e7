using Runner.Models.Registries;
using Runner.Models.Specs;
using Runner.Onnx.Layers;

namespace Runner.Onnx;

/// <summary>
/// Which ONNX form each registered layer and activation has, by registry name (case-insensitive).
/// Adding a layer to BuiltIns.cs means adding its exporter here too; a test checks that every
/// registered name has one.
/// </summary>
public sealed class OnnxMappings
{
    readonly Dictionary<string, IOnnxLayer> _layers = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, OnnxActivation> _activations = new(StringComparer.OrdinalIgnoreCase);

    public static OnnxMappings BuiltIn { get; } = Create();

    public static OnnxMappings Create()
    {
        var m = new OnnxMappings();
        m.Add(new FlattenOnnx());
        m.Add(new DenseOnnx());
        m.Add(new Conv2dOnnx());
        m.Add(new Pool2dOnnx(max: true));
        m.Add(new Pool2dOnnx(max: false));
        m.Add(new DropoutOnnx());
        m.Add(new BatchNormOnnx());
        m.Add(new ActivationOnnx());

        m.Add("linear", OnnxActivations.Linear);
        m.Add("relu", OnnxActivations.Op("Relu"));
        m.Add("sigmoid", OnnxActivations.Op("Sigmoid"));
        m.Add("tanh", OnnxActivations.Op("Tanh"));
        m.Add("softmax", OnnxActivations.Softmax);
        m.Add("leaky_relu", OnnxActivations.LeakyRelu);
        m.Add("elu", OnnxActivations.Elu);
        m.Add("selu", OnnxActivations.Selu);
        m.Add("gelu", OnnxActivations.Gelu);
        m.Add("silu", OnnxActivations.Silu);
        m.Add("softplus", OnnxActivations.Op("Softplus"));
        return m;
    }

    public void Add(IOnnxLayer layer) => _layers.Add(layer.Layer, layer);
    public void Add(string activation, OnnxActivation export) => _activations.Add(activation, export);

    public bool Remove(string name) => _layers.Remove(name) | _activations.Remove(name);

    public bool HasLayer(string name) => _layers.ContainsKey(name);
    public bool HasActivation(string name) => _activations.ContainsKey(name);

    public IOnnxLayer Layer(string name) => _layers.TryGetValue(name, out var layer) ? layer
        : throw new OnnxMappingException($"layer '{name}' has no ONNX form (exportable layers: {string.Join(", ", _layers.Keys.Order())})");

    public string Activation(OnnxGraph graph, string layerName, string input, ComponentSpec activation, int rank)
    {
        if (!_activations.TryGetValue(activation.Name, out var export))
            throw new OnnxMappingException($"activation '{activation.Name}' has no ONNX form (exportable activations: {string.Join(", ", _activations.Keys.Order())})");
        return export(graph, layerName, input, activation.Arguments, rank);
    }
}
