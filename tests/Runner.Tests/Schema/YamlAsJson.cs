using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Tests.Schema;

/// <summary>
/// An experiment file as the JSON an editor's YAML extension validates: parsed by the runner's own
/// reader (YamlDotNet underneath, `${var}` kept) and typed by YAML 1.2's core schema, as the runner types it.
/// </summary>
static class YamlAsJson
{
    /// <summary>The document as JSON, or null when it is not YAML the reader accepts (the reasons are in <paramref name="bag"/>).</summary>
    public static JsonElement? Read(string path, DiagnosticBag bag) =>
        ConfigFileReader.Read(path, bag) is { } root && !bag.HasErrors ? JsonSerializer.SerializeToElement(Convert(root)) : null;

    static JsonNode? Convert(ConfigNode node) => node switch
    {
        MappingNode mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Name, Convert(e.Value)))),
        SequenceNode list => new JsonArray(list.Items.Select(Convert).ToArray()),
        ScalarNode scalar => Scalar(scalar),
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}"),
    };

    static JsonNode? Scalar(ScalarNode scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.Null: return null;
            case ScalarKind.Bool: return JsonValue.Create(ScalarKinds.BoolValue(scalar.Text));
            case ScalarKind.Int or ScalarKind.Float:
                var value = ScalarKinds.NumberValue(scalar.Text, scalar.Kind);
                // JSON has no infinity or NaN: such a number stays text, which no number schema accepts.
                if (!double.IsFinite(value)) return JsonValue.Create(scalar.Text);
                return scalar.Kind == ScalarKind.Int && Math.Abs(value) < long.MaxValue
                    ? JsonValue.Create((long)ScalarKinds.IntValue(scalar.Text))
                    : JsonValue.Create(value);
            default: return JsonValue.Create(scalar.Text);
        }
    }
}
