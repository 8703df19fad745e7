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
    public static IReadOnlyList<string> Lines(string? before, string? after)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        var lines = new List<string>();
        foreach (var (path, value) in b)
        {
            if (!a.TryGetValue(path, out var old)) lines.Add($"{path}: (absent) -> {value}");
            else if (old != value) lines.Add($"{path}: {old} -> {value}");
        }
        lines.AddRange(a.Where(p => !b.ContainsKey(p.Key)).Select(p => $"{p.Key}: {p.Value} -> (absent)"));
        return lines;
    }

    /// <summary>
    /// The differences between two sets of runs' configs: each run is paired with the run of the other set
    /// that has its id (same axis values), else the first with the first. Distinct lines, first seen first.
    /// </summary>
    public static IReadOnlyList<string> Between(IReadOnlyList<(string Id, string? Yaml)> before, IReadOnlyList<(string Id, string? Yaml)> after)
    {
        var pairs = after.Select(n => (Old: before.FirstOrDefault(o => o.Id == n.Id).Yaml, New: n.Yaml))
            .Where(p => p.Old is not null && p.New is not null).ToList();
        if (pairs.Count == 0 && before.Count > 0 && after.Count > 0) pairs.Add((before[0].Yaml, after[0].Yaml));
        return pairs.SelectMany(p => Lines(p.Old, p.New)).Distinct().ToList();
    }

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
