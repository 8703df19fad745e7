using Json.Schema;
using Runner.Planning;
using static Runner.Schema.ValueSchemas;

namespace Runner.Schema;

/// <summary>
/// `sweep:`: every key is an axis (a list of values, each may be a whole sub-tree) except the
/// keywords of <see cref="SweepParser.Keywords"/>, each with its own shape (a sweep method's section: its own keys).
/// </summary>
static class SweepSchema
{
    public static JsonSchemaBuilder Build(string description, IReadOnlyList<ISweepSection> methods) => new JsonSchemaBuilder()
        .Type(SchemaValueType.Object)
        .Description(description)
        .Properties(SweepParser.Keywords(methods).Select(k => (k, Keyword(k, methods))).ToArray())
        .AdditionalProperties(Axis());

    static JsonSchemaBuilder Keyword(string keyword, IReadOnlyList<ISweepSection> methods) => keyword switch
    {
        _ when methods.FirstOrDefault(m => m.Key == keyword) is { } method =>
            method.Sampled ? Sampled(method.Section) : Keys(method.Section).AdditionalProperties(false),
        "zip" => new JsonSchemaBuilder().Description("axes that vary together (paired values): one group or a list of groups")
            .AnyOf(AxisGroup(), new JsonSchemaBuilder().Type(SchemaValueType.Array).MinItems(1).Items(AxisGroup())),
        "random" => Sampled(RandomAxes.Section),
        "repeats" => new JsonSchemaBuilder().Description("an axis `seed` = 1..N that sets train.seed")
            .AllOf(Int(SweepParser.RepeatsRange)),
        "include" => Filters("keep only the combinations that match one of these"),
        "exclude" => Filters("drop the combinations that match one of these"),
        Planning.Constraints.SweepConstraints.Key => new JsonSchemaBuilder()
            .Description("constraints every run must keep, e.g. [\"parameters <= 50000\", \"train_seconds <= 60\"]: a recorded metric or parameters, " +
                         "seconds, train_seconds; <= or >=; a number. parameters is known before training (infeasible points are never trained); " +
                         "the others are judged when a run ends (a search ranks feasible trials first; the report leaves infeasible runs out of the best and the front)")
            .Type(SchemaValueType.Array).MinItems(1)
            .Items(new JsonSchemaBuilder().Type(SchemaValueType.String).Pattern(@"^ *[A-Za-z_][A-Za-z0-9_]* *(<=|>=) *[-+0-9.eE_]+ *$")),
        _ => throw new InvalidOperationException($"no schema for the sweep keyword '{keyword}'"),
    };

    static JsonSchemaBuilder Axis() => new JsonSchemaBuilder()
        .Description("an axis: a variable (used as ${name}) or a dotted path into the config (train.batch_size), and its values")
        .Type(SchemaValueType.Array).MinItems(1);

    static JsonSchemaBuilder AxisGroup() => new JsonSchemaBuilder()
        .Type(SchemaValueType.Object).MinProperties(1).AdditionalProperties(Axis());

    static JsonSchemaBuilder Filters(string description)
    {
        static JsonSchemaBuilder Match() => new JsonSchemaBuilder().Type(SchemaValueType.Object).MinProperties(1);
        return new JsonSchemaBuilder().Description(description + " (`{axis: value, ...}`)")
            .AnyOf(Match(), new JsonSchemaBuilder().Type(SchemaValueType.Array).Items(Match()));
    }

    /// <summary>A keyword's own keys (scalars, and lists of folders), as declared.</summary>
    static JsonSchemaBuilder Keys(Config.Binding.Section section) => new JsonSchemaBuilder()
        .Type(SchemaValueType.Object)
        .Description(section.Description)
        .Properties(section.Keys.Select(k => (k.Name, k is Config.Binding.TextListKey texts ? TextList(texts) : Parameter(((Config.Binding.ScalarKey)k).Info))).ToArray())
        .Required(section.Keys.Where(k => k.Required).Select(k => k.Name));

    /// <summary>`random:` and a sampling method's section (`tpe:`): their own keys, every other key an axis with its distribution.</summary>
    static JsonSchemaBuilder Sampled(Config.Binding.Section section) => Keys(section)
        .AdditionalProperties(new JsonSchemaBuilder()
            .Description("an axis drawn from a distribution; a plain list is a choice")
            .AnyOf(new JsonSchemaBuilder().Type(SchemaValueType.Array).MinItems(1), Distribution()));

    /// <summary>A number or choice (a choice's options may carry distributions of their own), or a searched depth (<see cref="ConditionalAxis"/>).</summary>
    static JsonSchemaBuilder Distribution() => new JsonSchemaBuilder().AnyOf(
        new JsonSchemaBuilder()
            .Type(SchemaValueType.Object).MinProperties(1).MaxProperties(2)
            .Properties([.. AxisDistribution.Kinds.Select(k => (k, Kind(k))),
                ("log", new JsonSchemaBuilder().Description("with int or uniform: drawn evenly in the logarithm (bounds > 0)").Type(SchemaValueType.Boolean))])
            .AdditionalProperties(false),
        new JsonSchemaBuilder()
            .Description("a searched depth: `layer` repeated depth times, the distributions in each copy its own parameters, active when the depth reaches it")
            .Type(SchemaValueType.Object)
            .Properties(
                (ConditionalAxis.Depth, Bounds($"how many layers, [low, high], whole numbers from 0 to {ConditionalAxis.MaxDepth}",
                    Int(new Models.Registries.ValueRange(0, ConditionalAxis.MaxDepth)))),
                (ConditionalAxis.Layer, new JsonSchemaBuilder().Description("the layer (or list of layers) each copy adds; spliced where `- ${name}` is an item of a list")))
            .Required(ConditionalAxis.Depth, ConditionalAxis.Layer)
            .AdditionalProperties(false));

    static JsonSchemaBuilder Kind(string kind) => kind switch
    {
        "choice" => new JsonSchemaBuilder().Description("one of these values; an option may carry distributions of its own, sampled only when it is taken " +
            "(`{sgd: {momentum: {uniform: [0, 0.95]}}}`)").Type(SchemaValueType.Array).MinItems(1),
        "uniform" => Bounds("a number drawn uniformly from [low, high]", Number(null)),
        "loguniform" => Bounds("a number drawn log-uniformly from [low, high], both > 0",
            Number(new Models.Registries.ValueRange(0, double.PositiveInfinity, MinInclusive: false))),
        "int" => Bounds("a whole number drawn uniformly from [low, high]", Int(null)),
        _ => throw new InvalidOperationException($"no schema for the distribution '{kind}'"),
    };

    static JsonSchemaBuilder Bounds(string description, JsonSchemaBuilder bound) => new JsonSchemaBuilder()
        .Description(description).Type(SchemaValueType.Array).Items(bound).MinItems(2).MaxItems(2);
}
