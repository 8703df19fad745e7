using Runner.Config.Diagnostics;

namespace Runner.Config.Yaml;

/// <summary>
/// A node of a configuration tree: a scalar, a list or a mapping, each remembering where it was
/// written. Nodes are immutable; sweeps and overrides build new trees that share unchanged parts,
/// and a value taken from a sweep keeps the position of the sweep entry it came from.
/// </summary>
public abstract class ConfigNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>Nodes in this subtree with aliases expanded: what the alias budget counts.</summary>
    public abstract long Size { get; }

    /// <summary>Nesting depth of this subtree (a scalar is 1).</summary>
    public abstract int Depth { get; }

    /// <summary>What the node is, for messages: "a list", "a mapping", "'five'".</summary>
    public abstract string Describe();
}

public sealed class ScalarNode(SourcePosition position, string text, bool quoted) : ConfigNode(position)
{
    /// <summary>The scalar's text after YAML unescaping.</summary>
    public string Text { get; } = text;

    /// <summary>Quoted scalars are always strings: `"5"` is text, `5` is a number.</summary>
    public bool Quoted { get; } = quoted;

    public ScalarKind Kind => ScalarKinds.Of(this);
    public bool IsNull => Kind == ScalarKind.Null;

    public override long Size => 1;
    public override int Depth => 1;
    public override string Describe() => IsNull ? "nothing (null)" : $"'{Text}'";
}

public sealed class SequenceNode : ConfigNode
{
    public SequenceNode(SourcePosition position, IReadOnlyList<ConfigNode> items) : base(position)
    {
        Items = items;
        Size = 1 + items.Sum(i => i.Size);
        Depth = 1 + (items.Count == 0 ? 0 : items.Max(i => i.Depth));
    }

    public IReadOnlyList<ConfigNode> Items { get; }
    public override long Size { get; }
    public override int Depth { get; }
    public override string Describe() => "a list";
}

/// <summary>One `key: value` of a mapping; the key node carries the key's own position.</summary>
public sealed record MappingEntry(ScalarNode Key, ConfigNode Value)
{
    public string Name => Key.Text;
}

public sealed class MappingNode : ConfigNode
{
    public MappingNode(SourcePosition position, IReadOnlyList<MappingEntry> entries) : base(position)
    {
        Entries = entries;
        Size = 1 + entries.Sum(e => 1 + e.Value.Size);
        Depth = 1 + (entries.Count == 0 ? 0 : entries.Max(e => e.Value.Depth));
    }

    public IReadOnlyList<MappingEntry> Entries { get; }
    public override long Size { get; }
    public override int Depth { get; }
    public override string Describe() => "a mapping";

    /// <summary>Keys are matched exactly (they are snake_case names); the reader suggests near misses.</summary>
    public MappingEntry? Find(string key) => Entries.FirstOrDefault(e => e.Name == key);

    public ConfigNode? this[string key] => Find(key)?.Value;

    /// <summary>A copy with <paramref name="key"/> set (replaced in place, or appended).</summary>
    public MappingNode With(ScalarNode key, ConfigNode value)
    {
        var entries = Entries.ToList();
        int index = entries.FindIndex(e => e.Name == key.Text);
        if (index >= 0) entries[index] = entries[index] with { Value = value };
        else entries.Add(new MappingEntry(key, value));
        return new MappingNode(Position, entries);
    }

    public MappingNode Without(string key) => new(Position, Entries.Where(e => e.Name != key).ToList());
}
