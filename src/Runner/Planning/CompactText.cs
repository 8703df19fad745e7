using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// A value on one short line, as it appears in run ids and in `${var}` inside longer text: scalars
/// as written, `sgd(learning_rate=0.1,momentum=0.9)` for a component, `(k=v,...)` for other
/// mappings, `[a,b]` for lists.
/// </summary>
public static class CompactText
{
    public static string Of(ConfigNode node) => node switch
    {
        ScalarNode scalar => scalar.Text,
        SequenceNode list => "[" + string.Join(",", list.Items.Select(Of)) + "]",
        MappingNode mapping when mapping.Find("name") is { Value: ScalarNode name } nameEntry =>
            name.Text + Arguments(mapping.Entries.Where(e => e != nameEntry)),
        MappingNode { Entries: [var only] } when only.Value is MappingNode or ScalarNode { IsNull: true } =>
            only.Name + (only.Value is MappingNode settings ? Arguments(settings.Entries) : ""),
        MappingNode mapping => Arguments(mapping.Entries),
        _ => "",
    };

    static string Arguments(IEnumerable<MappingEntry> entries)
    {
        var list = entries.ToList();
        return list.Count == 0 ? "" : "(" + string.Join(",", list.Select(e => $"{e.Name}={Of(e.Value)}")) + ")";
    }

    /// <summary>Equal values, numbers compared by value (so a filter's `0.10` matches an axis's `0.1`).</summary>
    public static bool SameValue(ConfigNode a, ConfigNode b)
    {
        if (a is ScalarNode x && b is ScalarNode y && x.Kind is ScalarKind.Int or ScalarKind.Float && y.Kind is ScalarKind.Int or ScalarKind.Float)
            return ScalarKinds.NumberValue(x.Text, x.Kind).Equals(ScalarKinds.NumberValue(y.Text, y.Kind));
        return Of(a) == Of(b);
    }
}
