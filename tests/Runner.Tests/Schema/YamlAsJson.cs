using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Schema;

/// <summary>
/// A YAML file as the JSON a schema validator sees, scalars typed by YAML 1.2's core schema (as the
/// runner and VS Code's YAML extension type them): plain `5` a number, `true` a boolean, quoted text a string.
/// </summary>
static class YamlAsJson
{
    /// <summary>
    /// Parsed by plain YamlDotNet, as an editor parses it: `{a: ${b}}` (flow style, unquoted) is not
    /// YAML there, so an experiment file must quote it. Throws <see cref="YamlException"/> for what does not parse.
    /// </summary>
    public static JsonElement Standard(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return JsonSerializer.SerializeToElement(Convert(stream.Documents.Single().RootNode));
    }

    /// <summary>
    /// Parsed by the runner's own reader (YamlDotNet underneath, `${var}` masked so that flow style may
    /// hold it unquoted, as the bad-config corpus does); null when the reader refuses the file.
    /// </summary>
    public static JsonElement? AsRunnerReadsIt(string path, DiagnosticBag bag) =>
        ConfigFileReader.Read(path, bag) is { } root && !bag.HasErrors ? JsonSerializer.SerializeToElement(Convert(root)) : null;

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, Convert(e.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar.Value ?? "", quoted: scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)),
        _ => throw new ArgumentException($"unsupported node {node.NodeType}"),
    };

    static JsonNode? Convert(ConfigNode node) => node switch
    {
        MappingNode mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Name, Convert(e.Value)))),
        SequenceNode list => new JsonArray(list.Items.Select(Convert).ToArray()),
        ScalarNode scalar => Scalar(scalar.Text, scalar.Quoted),
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}"),
    };

    static JsonNode? Scalar(string text, bool quoted)
    {
        var kind = quoted ? ScalarKind.String : ScalarKinds.OfPlain(text);
        switch (kind)
        {
            case ScalarKind.Null: return null;
            case ScalarKind.Bool: return JsonValue.Create(ScalarKinds.BoolValue(text));
            case ScalarKind.Int or ScalarKind.Float:
                var value = ScalarKinds.NumberValue(text, kind);
                // JSON has no infinity or NaN: such a number stays text, which no number schema accepts.
                if (!double.IsFinite(value)) return JsonValue.Create(text);
                return kind == ScalarKind.Int && Math.Abs(value) < long.MaxValue
                    ? JsonValue.Create((long)ScalarKinds.IntValue(text))
                    : JsonValue.Create(value);
            default: return JsonValue.Create(text);
        }
    }
}
