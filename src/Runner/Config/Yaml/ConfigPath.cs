using System.Globalization;
using Runner.Config.Diagnostics;

namespace Runner.Config.Yaml;

/// <summary>
/// A dotted path into a configuration tree, as written in `--set` and in sweep axes:
/// keys separated by dots, and a number for a list position counted from 0 —
/// `train.batch_size`, `model.layers.1.dense.units` (the second layer written as `- dense: {...}`),
/// `model.layers.1.units` (written as `- {name: dense, ...}`), `train.optimizer.learning_rate`.
/// Setting a path replaces the value there; missing mapping keys are created (a key the schema
/// does not know is then reported by binding, with a suggestion), but a list position that does
/// not exist, or a step into a plain value, points nowhere and is an error.
/// </summary>
public sealed class ConfigPath
{
    public sealed record Segment(string Key, SourcePosition Position)
    {
        public int? Index => int.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    ConfigPath(string text, IReadOnlyList<Segment> segments) => (Text, Segments) = (text, segments);

    public string Text { get; }
    public IReadOnlyList<Segment> Segments { get; }

    public override string ToString() => Text;

    /// <param name="at">Where the path's first character is; later segments get their own columns.</param>
    /// <param name="maxSegments">The last segment keeps any further dots (a sweep axis named by a path).</param>
    public static ConfigPath? Parse(string text, SourcePosition at, DiagnosticBag bag, int maxSegments = int.MaxValue)
    {
        var segments = new List<Segment>();
        int column = at.Column;
        foreach (var key in text.Split('.', maxSegments))
        {
            var position = at with { Column = column };
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                bag.Add(position, $"'{text}' is not a dotted path; write keys separated by single dots, e.g. train.batch_size or model.layers.1.dense.units");
                return null;
            }
            segments.Add(new Segment(key, position));
            column += key.Length + 1;
        }
        return new ConfigPath(text, segments);
    }

    /// <summary>A copy of <paramref name="root"/> with <paramref name="value"/> at this path, or null (reported) when the path points nowhere.</summary>
    public ConfigNode? Set(ConfigNode root, ConfigNode value, DiagnosticBag bag) => SetAt(root, 0, value, bag);

    ConfigNode? SetAt(ConfigNode node, int depth, ConfigNode value, DiagnosticBag bag)
    {
        if (depth == Segments.Count) return value;
        var segment = Segments[depth];
        string prefix = string.Join('.', Segments.Take(depth).Select(s => s.Key));
        switch (node)
        {
            case MappingNode mapping:
            {
                var entry = mapping.Find(segment.Key);
                var child = entry?.Value ?? EmptyMapping(segment.Position);
                var replaced = SetAt(child, depth + 1, value, bag);
                return replaced is null ? null : mapping.With(entry?.Key ?? new ScalarNode(segment.Position, segment.Key, quoted: false), replaced);
            }
            case ScalarNode { IsNull: true }:
                return SetAt(EmptyMapping(node.Position), depth, value, bag);
            case SequenceNode list when segment.Index is { } index && index < list.Items.Count:
            {
                var replaced = SetAt(list.Items[index], depth + 1, value, bag);
                if (replaced is null) return null;
                var items = list.Items.ToList();
                items[index] = replaced;
                return new SequenceNode(list.Position, items);
            }
            case SequenceNode list:
                bag.Add(segment.Position, $"'{Text}' points nowhere: {prefix} is a list of {list.Items.Count}; use a position 0..{list.Items.Count - 1} instead of '{segment.Key}'");
                return null;
            default:
                bag.Add(segment.Position, $"'{Text}' points nowhere: {prefix} is the value {node.Describe()}, which has no '{segment.Key}'; " +
                    $"write it as a mapping (e.g. `{{name: {((ScalarNode)node).Text}, {segment.Key}: ...}}`) or set {prefix} as a whole");
                return null;
        }
    }

    static MappingNode EmptyMapping(SourcePosition at) => new(at, Array.Empty<MappingEntry>());

    /// <summary>The node at this path, or null when nothing is written there.</summary>
    public ConfigNode? Get(ConfigNode root)
    {
        var node = root;
        foreach (var segment in Segments)
        {
            node = node switch
            {
                MappingNode mapping => mapping[segment.Key],
                SequenceNode list when segment.Index is { } i && i < list.Items.Count => list.Items[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }
}
