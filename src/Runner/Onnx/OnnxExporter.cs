using Runner.Results;
using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Runner.Files;
using Runner.Models.Building;
using Runner.Models.Shapes;
using Runner.Prediction;
using Runner.Reporting.Results;
using Runner.Data;

namespace Runner.Onnx;

/// <summary>
/// A trained model as an ONNX graph that computes what the TorchSharp model computes, layer for layer:
/// the same NCHW layout after the input, the same flatten order (C, H, W), the model's final softmax
/// included (training fuses it into the loss), dropout as identity and batch norm in inference form.
/// <list type="bullet">
/// <item>Input <see cref="InputName"/>: float32 [N, model.input...] in the Keras layout the datasets hand
/// over ([N, 28, 28]; images with channels [N, H, W, C]), pixel values divided by the run's pixel scale.</item>
/// <item>Output "probabilities" when the model ends in softmax, else "logits" (trained from_logits) or "output".</item>
/// <item>Metadata: input name, shape and scale, output meaning, class names (JSON), opset, run.</item>
/// </list>
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses: every operator here has this form since opset 13 or earlier.</summary>
    public const int Opset = 17;

    /// <summary>ONNX IR version 8 (ONNX 1.12, whose onnx.proto is compiled in), read by every runtime since 2022.</summary>
    const long IrVersion = 8;

    public const string InputName = "input";

    public static void Write(TrainedModel model, string path, OnnxMappings? mappings = null)
    {
        var proto = Build(model, mappings ?? OnnxMappings.BuiltIn);
        AtomicFile.Write(path, stream => proto.WriteTo(stream));
    }

    /// <summary>The ONNX model; a layer or activation without ONNX form throws <see cref="UsageException"/> naming it and its line.</summary>
    internal static ModelProto Build(TrainedModel model, OnnxMappings mappings)
    {
        var spec = model.Experiment.Model;
        var plan = model.Plan;
        var tensors = model.Module.state_dict();
        var graph = new OnnxGraph();
        var value = InputToTorchLayout(graph, spec.Input);
        var shape = spec.Input;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var (type, args) = ShapeInference.Resolve(spec.Layers[i], i, RunnerRegistries.Models);
            var name = plan.Layers[i].Name;
            var own = tensors.Where(t => t.Key.StartsWith(name + ".", StringComparison.Ordinal))
                .ToDictionary(t => t.Key[(name.Length + 1)..], t => t.Value);
            try
            {
                value = mappings.Layer(type.Name).Export(new OnnxLayerContext(graph, name, value, args, shape, plan.Layers[i].Output, own, mappings));
            }
            catch (OnnxMappingException e)
            {
                throw new UsageException($"{LayerPosition(model, i)}: {e.Message}; run {model.Run.Name} cannot be exported to ONNX");
            }
            shape = plan.Layers[i].Output;
        }

        var outputName = OutputName(model);
        graph.Node("Identity", outputName, value);
        graph.Proto.Name = model.Experiment.Name;
        graph.Proto.Input.Add(OnnxGraph.Value(InputName, spec.Input.Dims.Select(d => (long)d)));
        graph.Proto.Output.Add(OnnxGraph.Value(outputName, plan.Output.Dims.Select(d => (long)d)));

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "runner",
            ProducerVersion = Assembly.GetExecutingAssembly().GetName().Version?.ToString() ?? "",
            Domain = "runner",
            DocString = $"{model.Experiment.Name}: run {model.Run.Name}",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, text) in Metadata(model, outputName))
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = text });
        return proto;
    }

    /// <summary>What the model's InputReshape does: channels-last images to NCHW; other inputs already have TorchSharp's shape.</summary>
    static string InputToTorchLayout(OnnxGraph graph, Models.Specs.Shape input)
    {
        if (input.Rank != 3) return InputName;
        return input[2] > 1
            ? graph.Node("Transpose", "input.to_nchw", InputName, ("perm", new long[] { 0, 3, 1, 2 }))
            : graph.Node("Reshape", "input.to_nchw", [InputName, graph.Int64s("input.nchw_shape", -1, 1, input[0], input[1])]);
    }

    static string OutputName(TrainedModel model) =>
        model.OutputsProbabilities && ModelBuilder.EndsInSoftmax(model.Experiment.Model) ? "probabilities"
        : model.OutputsProbabilities ? "logits" : "output";

    static IEnumerable<(string, string)> Metadata(TrainedModel model, string outputName)
    {
        var input = model.Experiment.Model.Input;
        yield return ("input_name", InputName);
        yield return ("input_shape", "[N, " + string.Join(", ", input.Dims) + "]");
        yield return ("input_scale", $"pixel values divided by {model.Layout.PixelScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, light on dark (MNIST style)");
        yield return ("output_name", outputName);
        yield return ("output", outputName switch
        {
            "probabilities" => "class probabilities (the model's final softmax)",
            "logits" => "logits: apply softmax for probabilities",
            _ => "the model's last layer as it is",
        });
        yield return ("class_names", JsonSerializer.Serialize(model.ClassNames));
        yield return ("opset", Opset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("experiment", model.Experiment.Name);
        yield return ("run", model.Run.Name);
        yield return ("config_hash", model.Run.Run.Hash);
    }

    /// <summary>
    /// config.yaml:LINE of the model's layer <paramref name="index"/>: the resolved config writes one
    /// layer per line right after `  layers:` (<see cref="Config.ResolvedConfig"/>).
    /// </summary>
    static string LayerPosition(TrainedModel model, int index)
    {
        var path = Path.Combine(model.Run.Folder, ResultsLayout.ConfigFile);
        var lines = File.ReadAllLines(path);
        int layers = Array.IndexOf(lines, "  layers:");
        return layers < 0 ? $"{path}: model.layers[{index}]" : $"{path}:{layers + 2 + index}";
    }
}
