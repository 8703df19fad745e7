using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Config;

/// <summary>
/// What differs between resolved configs (config.yaml texts), as short lines people can read:
/// <c>train.epochs: 2 -> 4</c>, <c>train.early_stopping: null -> {monitor: val_loss, ...}</c>. Lists of scalars
/// compare whole (<c>[28, 28]</c>); list items that are mappings (layers) by position
/// (<c>model.layers.1.dense.units: 32 -> 64</c>). Used when an experiment changed under its results folder
/// and by `runner compare`.
/// </summary>
public static class ConfigDiff
{
    /// <summary>The differing values of two configs, in the order they appear in the newer one.</summary>
    public static IReadOnlyList<string> Lines(string? before, string? after) =>
        Changes(Flatten(before), Flatten(after)).Select(c => c.Line).ToList();

    static IEnumerable<(string Path, string Line)> Changes(Dictionary<string, string> a, Dictionary<string, string> b)
    {
        foreach (var (path, value) in b)
        {
            if (!a.TryGetValue(path, out var old)) yield return (path, $"{path}: (absent) -> {value}");
            else if (old != value) yield return (path, $"{path}: {old} -> {value}");
        }
        foreach (var (path, value) in a.Where(p => !b.ContainsKey(p.Key))) yield return (path, $"{path}: {value} -> (absent)");
    }

    /// <summary>
    /// The differences between two sets of runs' configs: each run is paired with the run of the other set
    /// that has its id (same axis values), else the first with the first. A value that varies among the runs
    /// of both sets is an axis of both sweeps (the seed, a learning rate each sweeps): that it differs between
    /// two runs says nothing, so it is left out. A config that does not load is left out too (it would show
    /// every value as absent). Distinct lines, first seen first.
    /// </summary>
    public static IReadOnlyList<string> Between(IReadOnlyList<(string Id, string? Yaml)> before, IReadOnlyList<(string Id, string? Yaml)> after)
    {
        var a = Loaded(before);
        var b = Loaded(after);
        var swept = Varying(a);
        swept.IntersectWith(Varying(b));
        var pairs = b.Select(n => (Old: a.FirstOrDefault(o => o.Id == n.Id).Values, New: n.Values))
            .Where(p => p.Old is not null).ToList();
        if (pairs.Count == 0 && a.Count > 0 && b.Count > 0) pairs.Add((a[0].Values, b[0].Values));
        return pairs.SelectMany(p => Changes(p.Old, p.New)).Where(c => !swept.Contains(c.Path)).Select(c => c.Line).Distinct().ToList();
    }

    static List<(string Id, Dictionary<string, string> Values)> Loaded(IReadOnlyList<(string Id, string? Yaml)> runs) =>
        runs.Select(r => (r.Id, Values: Flatten(r.Yaml))).Where(r => r.Values.Count > 0).ToList();

    /// <summary>The paths whose value is not the same in every run (absent counts as a value).</summary>
    static HashSet<string> Varying(List<(string Id, Dictionary<string, string> Values)> runs) =>
        runs.SelectMany(r => r.Values.Keys).Distinct()
            .Where(path => runs.Select(r => r.Values.GetValueOrDefault(path)).Distinct().Count() > 1)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// dotted path -> value text, in document order. Read with the experiment loader's tree builder, so a
    /// config.yaml from someone else meets the same alias budget and depth limit (a 511-byte alias bomb would
    /// otherwise expand to gigabytes here); a config it refuses compares as empty.
    /// </summary>
    static Dictionary<string, string> Flatten(string? yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(yaml)) return values;
        var problems = new DiagnosticBag();
        var root = YamlTreeBuilder.Build(yaml, "config.yaml", problems);
        if (root is not null && !problems.HasErrors) Walk(root, "", values);
        return values;
    }

    static void Walk(ConfigNode node, string path, Dictionary<string, string> values)
    {
        switch (node)
        {
            case MappingNode map:
                foreach (var entry in map.Entries)
                    Walk(entry.Value, path.Length == 0 ? entry.Name : $"{path}.{entry.Name}", values);
                break;
            case SequenceNode list when list.Items.Any(c => c is MappingNode):
                for (int i = 0; i < list.Items.Count; i++) Walk(list.Items[i], $"{path}.{i}", values);
                break;
            default:
                values[path] = Text(node);
                break;
        }
    }

    /// <summary>A node as compact flow text: <c>2</c>, <c>[28, 28]</c>, <c>{name: adam, learning_rate: 0.01}</c>.</summary>
    static string Text(ConfigNode node) => node switch
    {
        ScalarNode s => s.Text,
        SequenceNode l => $"[{string.Join(", ", l.Items.Select(Text))}]",
        MappingNode m => $"{{{string.Join(", ", m.Entries.Select(e => $"{e.Name}: {Text(e.Value)}"))}}}",
        _ => "",
    };
}
