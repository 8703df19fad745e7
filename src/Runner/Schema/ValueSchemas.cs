using System.Text.Json.Nodes;
using Json.Schema;
using Runner.Models.Registries;
using Runner.Models.Specs;
using Runner.Planning;

namespace Runner.Schema;

/// <summary>
/// Schemas of single values: a declared parameter (type, range, default, description), and the
/// `${var}` that may stand for any value a sweep fills in.
/// </summary>
static class ValueSchemas
{
    /// <summary>A non-empty list of texts (folder paths), as a <see cref="Config.Binding.TextListKey"/> declares it.</summary>
    public static JsonSchemaBuilder TextList(Config.Binding.TextListKey key) => new JsonSchemaBuilder()
        .Type(SchemaValueType.Array).MinItems(1).MaxItems((uint)key.MaxItems)
        .Items(new JsonSchemaBuilder().Type(SchemaValueType.String).MinLength(1)).Description(key.Description);

    public const string VariableDef = "variable";

    /// <summary>Numbers beyond these are refused as absurd (Config/Binding/Values).</summary>
    const double IntLimit = int.MaxValue, FloatLimit = 1e30;

    public static JsonSchemaBuilder Ref(string def) => new JsonSchemaBuilder().Ref("#/$defs/" + def);

    public static JsonSchemaBuilder Variable() => new JsonSchemaBuilder()
        .Type(SchemaValueType.String)
        .Pattern(Variables.ReferencePattern)
        .Description("a sweep variable, `${name}`, alone or inside text; defined by an axis under sweep:");

    /// <summary>The value itself, or `${var}` in its place; the description and default sit outside, for editors to show.</summary>
    public static JsonSchemaBuilder OrVariable(JsonSchemaBuilder value, string? description = null, JsonNode? @default = null)
    {
        var schema = new JsonSchemaBuilder();
        if (description is not null) schema.Description(description);
        if (@default is not null) schema.Default(@default);
        return schema.AnyOf(value, Ref(VariableDef));
    }

    public static JsonSchemaBuilder Parameter(ParameterInfo p, string? pattern = null) =>
        OrVariable(Bare(p, pattern), p.Description, Default(p));

    static JsonSchemaBuilder Bare(ParameterInfo p, string? pattern) => p.Type switch
    {
        ParameterType.Int => Int(p.Range),
        ParameterType.Float => Number(p.Range),
        ParameterType.Bool => new JsonSchemaBuilder().Type(SchemaValueType.Boolean),
        ParameterType.Choice => new JsonSchemaBuilder().Enum(p.Choices ?? Array.Empty<string>()),
        ParameterType.IntPair => new JsonSchemaBuilder().AnyOf(
            Int(p.Range),
            new JsonSchemaBuilder().Type(SchemaValueType.Array).Items(OrVariable(Int(p.Range))).MinItems(2).MaxItems(2)),
        ParameterType.Activation => Ref(ComponentSchemas.KindDef("activation")),
        ParameterType.Initializer => Ref(ComponentSchemas.KindDef("initializer")),
        ParameterType.Text => Text(pattern),
        _ => throw new InvalidOperationException($"no schema for parameter type {p.Type}"),
    };

    /// <summary>Any scalar is text (`name: 5` is the name "5"), as the binder reads it.</summary>
    public static JsonSchemaBuilder Text(string? pattern = null)
    {
        var schema = new JsonSchemaBuilder().Type(SchemaValueType.String, SchemaValueType.Number, SchemaValueType.Boolean);
        return pattern is null ? schema : schema.Pattern(pattern);
    }

    public static JsonSchemaBuilder Int(ValueRange? range) =>
        Bounded(new JsonSchemaBuilder().Type(SchemaValueType.Integer), range, IntLimit);

    public static JsonSchemaBuilder Number(ValueRange? range) =>
        Bounded(new JsonSchemaBuilder().Type(SchemaValueType.Number), range, FloatLimit);

    static JsonSchemaBuilder Bounded(JsonSchemaBuilder schema, ValueRange? range, double limit)
    {
        double min = range is null || double.IsNegativeInfinity(range.Min) ? -limit : range.Min;
        double max = range is null || double.IsPositiveInfinity(range.Max) ? limit : range.Max;
        schema.Add(range is { MinInclusive: false } ? "exclusiveMinimum" : "minimum", JsonValue.Create(min));
        schema.Add(range is { MaxInclusive: false } ? "exclusiveMaximum" : "maximum", JsonValue.Create(max));
        return schema;
    }

    /// <summary>The default as the resolved config writes it; nested components by name.</summary>
    public static JsonNode? Default(ParameterInfo p) => p.Default switch
    {
        null => null,
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        IntPair pair => new JsonArray(pair.Height, pair.Width),
        ComponentSpec spec => JsonValue.Create(spec.Name),
        var other => throw new InvalidOperationException($"no JSON for the default {other} of '{p.Name}'"),
    };
}
