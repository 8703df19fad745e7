using System.Text.Json.Nodes;
using Json.Schema;
using Runner.Config.Binding;
using Runner.Data;
using Runner.Models.Registries;
using static Runner.Schema.ValueSchemas;

namespace Runner.Schema;

/// <summary>The schema of a declared <see cref="Section"/>: one property per <see cref="ConfigKey"/>, no others.</summary>
sealed class SectionSchemas(ComponentRegistries models, Registry<IDatasetType> datasets, IReadOnlyList<Planning.ISweepSection> sweepMethods)
{
    /// <summary>Metric names, and every name a monitor may take (`val_accuracy`, `test_loss`).</summary>
    readonly MonitorNames _monitors = new(models.Metrics.Names.ToList(), HasValidation: true);

    public JsonSchemaBuilder Section(Section section) =>
        Mapping(section).AdditionalProperties(false);

    /// <summary>`data:` also takes the dataset's own settings beside `dataset:` (`dataset: csv, path: train.csv`).</summary>
    public JsonSchemaBuilder DataSection(Section section, string datasetKey)
    {
        var beside = datasets.All.Where(d => d.Parameters.Count > 0).Select(d => new JsonSchemaBuilder()
            .If(new JsonSchemaBuilder().Properties((datasetKey, new JsonSchemaBuilder().Const(d.Name))).Required(datasetKey))
            .Then(Ref(ComponentSchemas.ParametersDef(datasets.Kind, d.Name))));
        // Settings may stand beside `dataset:`, so here any dataset may be named alone (`dataset: csv`).
        var named = new JsonSchemaBuilder().AnyOf(
            Key(section.Keys.Single(k => k.Name == datasetKey)),
            new JsonSchemaBuilder().Enum(datasets.All.Select(d => d.Name)));
        return Mapping(section, (datasetKey, named)).AllOf(beside).UnevaluatedProperties(false);
    }

    JsonSchemaBuilder Mapping(Section section, (string Name, JsonSchemaBuilder Schema)? replaced = null) => new JsonSchemaBuilder()
        .Type(SchemaValueType.Object)
        .Description(section.Description)
        .Properties(section.Keys.Select(k => (k.Name, k.Name == replaced?.Name ? replaced.Value.Schema : Key(k))).ToArray())
        .Required(section.Keys.Where(k => k.Required).Select(k => k.Name));

    public JsonSchemaBuilder Key(ConfigKey key) => key switch
    {
        ScalarKey scalar => Parameter(scalar.Info, scalar.Pattern),
        ComponentKey component => OrNothing(Ref(ComponentSchemas.KindDef(component.Kind)), key,
            component.Default is null ? null : JsonValue.Create(component.Default)),
        ComponentListKey list => OrVariable(new JsonSchemaBuilder().Type(SchemaValueType.Array).MinItems(1)
            .Items(Ref(ComponentSchemas.KindDef(list.Kind))), key.Description),
        ComponentSetKey set => ComponentSet(set),
        IntListKey ints => OrVariable(IntList(ints), key.Description),
        TextListKey texts => TextList(texts),
        MonitorKey monitor => OrVariable(new JsonSchemaBuilder().Enum(_monitors.Known(monitor.AllowTest)), key.Description),
        SectionKey nested => OrVariable(Switchable(nested), key.Description),
        SweepKey => SweepSchema.Build(key.Description, sweepMethods),
        ObjectivesKey => new JsonSchemaBuilder().Type(SchemaValueType.Object).Description(key.Description)
            .MinProperties(2).MaxProperties(Runner.Results.ReportObjective.MaxCount)
            .PropertyNames(new JsonSchemaBuilder().Enum(_monitors.Known(allowTest: true).Concat(Runner.Results.ReportObjective.RunFacts)))
            .AdditionalProperties(new JsonSchemaBuilder().Enum(Runner.Results.ReportObjective.Max, Runner.Results.ReportObjective.Min)),
        _ => throw new InvalidOperationException($"no schema for the key '{key.Name}' ({key.GetType().Name})"),
    };

    static JsonSchemaBuilder ComponentSet(ComponentSetKey key)
    {
        var list = new JsonSchemaBuilder().Type(SchemaValueType.Array).Items(Ref(ComponentSchemas.KindDef(key.Kind)));
        return OrVariable(list, key.Description, new JsonArray(key.Default.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()));
    }

    static JsonSchemaBuilder IntList(IntListKey key)
    {
        var list = new JsonSchemaBuilder().Type(SchemaValueType.Array).MinItems(1).Items(OrVariable(Int(key.Range)));
        return key.MaxItems is { } max ? list.MaxItems((uint)max) : list;
    }

    /// <summary>A section, or a boolean where one stands for it, or nothing where it may be left out.</summary>
    JsonSchemaBuilder Switchable(SectionKey key)
    {
        var forms = new List<JsonSchemaBuilder> { Section(key.Section) };
        if (!key.Required) forms.Add(new JsonSchemaBuilder().Type(SchemaValueType.Null));
        if (key.Switch == SectionSwitch.Off) forms.Add(new JsonSchemaBuilder().Const(false));
        if (key.Switch == SectionSwitch.OnOff) forms.Add(new JsonSchemaBuilder().Type(SchemaValueType.Boolean));
        return new JsonSchemaBuilder().AnyOf(forms);
    }

    /// <summary>A component key left empty takes its default.</summary>
    static JsonSchemaBuilder OrNothing(JsonSchemaBuilder component, ConfigKey key, JsonNode? @default)
    {
        var schema = new JsonSchemaBuilder().Description(key.Description);
        if (@default is not null) schema.Default(@default);
        return key.Required ? schema.AllOf(component) : schema.AnyOf(component, new JsonSchemaBuilder().Type(SchemaValueType.Null));
    }

}
