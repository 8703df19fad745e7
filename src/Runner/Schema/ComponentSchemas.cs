using Json.Schema;
using Runner.Models.Registries;
using static Runner.Config.Binding.ComponentBinder;
using static Runner.Schema.ValueSchemas;

namespace Runner.Schema;

/// <summary>
/// The schema of a registry's components, in the three forms the component binder reads: a name
/// (`relu`, for components that need no parameter), `{name: sgd, learning_rate: 0.1}`, and a single
/// key naming it (`dense: {units: 100}`, `flatten:`). Names, parameters and descriptions come from the
/// registry, so they are what `runner list` prints.
/// </summary>
static class ComponentSchemas
{
    /// <summary>The definition of "a component of this kind": `layer`, `optimizer`, ...</summary>
    public static string KindDef(string kind) => kind;

    /// <summary>The definition of one component's parameters: `optimizer.sgd`.</summary>
    public static string ParametersDef(string kind, string name) => $"{kind}.{name}";

    /// <summary>Every definition for <paramref name="registry"/>: the kind and each component's parameters.</summary>
    public static IEnumerable<(string Name, JsonSchemaBuilder Schema)> Definitions<T>(Registry<T> registry) where T : IComponentType
    {
        yield return (KindDef(registry.Kind), Kind(registry));
        foreach (var c in registry.All)
            yield return (ParametersDef(registry.Kind, c.Name), Parameters(c));
    }

    /// <summary>A component's parameters as a mapping; other keys are refused where it is used.</summary>
    public static JsonSchemaBuilder Parameters(IComponentType component) => new JsonSchemaBuilder()
        .Type(SchemaValueType.Object)
        .Description(component.Description)
        .Properties(component.Parameters.Select(p => (p.Name, Parameter(p))).ToArray())
        .Required(component.Parameters.Where(p => p.Required).Select(p => p.Name));

    static JsonSchemaBuilder Kind<T>(Registry<T> registry) where T : IComponentType
    {
        var kind = registry.Kind;
        var components = registry.All.ToList();
        var byName = new JsonSchemaBuilder()
            .Enum(components.Where(c => NeedsNothing(c)).Select(c => c.Name))
            .Description($"{Article(kind)} {kind} that needs no settings, by name");
        var withName = components.Select(c => new JsonSchemaBuilder()
            .Type(SchemaValueType.Object)
            .Ref("#/$defs/" + ParametersDef(kind, c.Name))
            .Properties(("name", new JsonSchemaBuilder().Const(c.Name)))
            .Required("name")
            .UnevaluatedProperties(false));
        var nameByVariable = new JsonSchemaBuilder()
            .Type(SchemaValueType.Object)
            .Properties(("name", Ref(VariableDef)))
            .Required("name");
        var singleKey = new JsonSchemaBuilder()
            .Type(SchemaValueType.Object)
            .Properties(components.Select(c => (c.Name, SettingsOf(kind, c))).ToArray())
            .MinProperties(1).MaxProperties(1)
            .AdditionalProperties(false);
        return new JsonSchemaBuilder()
            .Description($"{Article(kind)} {kind}: a name, `{{name: ..., setting: ...}}` or `{{name: {{setting: ...}}}}`; `runner list` shows them all")
            .AnyOf(new[] { Ref(VariableDef), byName }.Concat(withName).Append(nameByVariable).Append(singleKey));
    }

    /// <summary>`dense: {units: 100}`; `flatten:` (nothing) where no parameter is required.</summary>
    static JsonSchemaBuilder SettingsOf(string kind, IComponentType component)
    {
        var settings = new JsonSchemaBuilder().Ref("#/$defs/" + ParametersDef(kind, component.Name)).UnevaluatedProperties(false);
        var forms = NeedsNothing(component)
            ? new[] { settings, new JsonSchemaBuilder().Type(SchemaValueType.Null), Ref(VariableDef) }
            : new[] { settings, Ref(VariableDef) };
        return new JsonSchemaBuilder().Description(component.Description).AnyOf(forms);
    }

    static bool NeedsNothing(IComponentType component) => !component.Parameters.Any(p => p.Required);
}
