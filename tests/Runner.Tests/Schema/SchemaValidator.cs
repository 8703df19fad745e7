using System.Text.Json;
using Json.Schema;

namespace Runner.Tests.Schema;

/// <summary>JsonSchema.Net's evaluation of JSON against the committed schema, with its errors as lines.</summary>
sealed class SchemaValidator(string schemaText)
{
    readonly JsonSchema _schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    public IReadOnlyList<string> Errors(JsonElement instance)
    {
        var result = _schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return Array.Empty<string>();
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }
}
