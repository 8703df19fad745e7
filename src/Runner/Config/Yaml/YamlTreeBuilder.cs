using System.Runtime.InteropServices;
using Runner.Config.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Runner.Config.Yaml;

/// <summary>
/// Builds a <see cref="ConfigNode"/> tree from YamlDotNet's low-level parser events. Working at the
/// event level (not the deserializer) is what lets us keep every position and refuse, with a
/// position, what plain configuration data never needs: duplicate keys, type tags, several
/// documents, and alias bombs ("billion laughs").
/// </summary>
public sealed class YamlTreeBuilder
{
    /// <summary>Expanded nodes allowed through aliases; real experiment files use a few hundred.</summary>
    public const long AliasExpansionBudget = 100_000;

    public const int MaxDepth = 64;

    readonly Func<Mark, SourcePosition> _position;
    readonly DiagnosticBag _bag;
    readonly Scanner _scanner;
    readonly Parser _parser;
    readonly Dictionary<string, ConfigNode> _anchors = new();
    readonly Stack<Mark> _openFlowCollections = new();
    long _expandedThroughAliases;

    YamlTreeBuilder(string text, Func<Mark, SourcePosition> position, DiagnosticBag bag)
    {
        _position = position;
        _bag = bag;
        _scanner = new Scanner(new StringReader(VariableMasking.Mask(text)), skipComments: true);
        _parser = new Parser(_scanner);
    }

    /// <summary>
    /// The document's root, or null when there is no document or the YAML can't be read (the reason
    /// is in <paramref name="bag"/>; an empty document is the caller's to judge, so it adds nothing).
    /// </summary>
    public static ConfigNode? Build(string text, string file, DiagnosticBag bag) =>
        Build(text, mark => new SourcePosition(file, (int)mark.Line, (int)mark.Column), bag);

    public static ConfigNode? Build(string text, Func<Mark, SourcePosition> position, DiagnosticBag bag)
    {
        if (TabIndentation.Report(text, position, bag)) return null;
        return new YamlTreeBuilder(text, position, bag).BuildStream();
    }

    ConfigNode? BuildStream()
    {
        try
        {
            Next(); // StreamStart
            Next();
            if (_parser.Current is StreamEnd) return null;
            Next(); // past DocumentStart
            var root = BuildNode(depth: 1);
            if (root is null) return null;
            Next(); // past DocumentEnd
            if (_parser.Current is DocumentStart extra)
            {
                _bag.Add(At(extra.Start), "a second YAML document ('---') in one file; an experiment file holds exactly one document, so remove it or split the file");
                return null;
            }
            return root;
        }
        catch (YamlException e)
        {
            _bag.Add(At(e.Start), YamlSyntaxMessages.Explain(e.Message));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some unterminated flow collections.
            var at = _openFlowCollections.Count > 0 ? _openFlowCollections.Peek() : _scanner.CurrentPosition;
            _bag.Add(At(at), _openFlowCollections.Count > 0
                ? "YAML syntax error: this '[' or '{' is never closed; add the matching ']' or '}'"
                : "YAML syntax error; check indentation, colons and brackets near here");
            return null;
        }
    }

    void Next()
    {
        if (!_parser.MoveNext()) throw new YamlException("unexpected end of the YAML stream");
    }

    SourcePosition At(Mark mark) => _position(mark);

    /// <summary>Builds the node at the current event and leaves the parser on the event after it; null aborts.</summary>
    ConfigNode? BuildNode(int depth)
    {
        var current = _parser.Current!;
        if (depth > MaxDepth)
        {
            _bag.Add(At(current.Start), $"nesting deeper than {MaxDepth} levels; an experiment never needs this, flatten the structure");
            return null;
        }
        if (current is AnchorAlias alias) return ExpandAlias(alias, depth);
        if (current is NodeEvent node && !node.Tag.IsEmpty)
            _bag.Add(At(node.Start), $"YAML tag '{AsWritten(node.Tag.Value)}' is not allowed; experiment files hold plain data only, so remove the tag");

        ConfigNode? built = current switch
        {
            Scalar scalar => BuildScalar(scalar),
            SequenceStart start => BuildSequence(start, depth),
            MappingStart start => BuildMapping(start, depth),
            _ => throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}"),
        };
        if (built is not null && current is NodeEvent { Anchor.IsEmpty: false } anchored)
            _anchors[anchored.Anchor.Value] = built;
        return built;
    }

    /// <summary>`tag:yaml.org,2002:str` was written `!!str`.</summary>
    static string AsWritten(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    ConfigNode BuildScalar(Scalar scalar)
    {
        var node = new ScalarNode(At(scalar.Start), VariableMasking.Unmask(scalar.Value), scalar.Style is not ScalarStyle.Plain);
        Next();
        return node;
    }

    ConfigNode? BuildSequence(SequenceStart start, int depth)
    {
        if (start.Style == SequenceStyle.Flow) _openFlowCollections.Push(start.Start);
        Next();
        var items = new List<ConfigNode>();
        while (_parser.Current is not SequenceEnd)
        {
            var item = BuildNode(depth + 1);
            if (item is null) return null;
            items.Add(item);
        }
        if (start.Style == SequenceStyle.Flow) _openFlowCollections.Pop();
        Next();
        return new SequenceNode(At(start.Start), items);
    }

    ConfigNode? BuildMapping(MappingStart start, int depth)
    {
        if (start.Style == MappingStyle.Flow) _openFlowCollections.Push(start.Start);
        Next();
        var entries = new List<MappingEntry>();
        var byName = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);   // linear in the keys, not quadratic
        var merged = new List<MappingNode>();
        while (_parser.Current is not MappingEnd)
        {
            var keyEvent = _parser.Current!;
            var key = BuildNode(depth + 1);
            if (key is null) return null;
            var value = BuildNode(depth + 1);
            if (value is null) return null;
            if (key is not ScalarNode scalarKey)
            {
                _bag.Add(At(keyEvent.Start), "a key must be a plain name, not a list or mapping; write `name: value`");
                continue;
            }
            if (scalarKey.Text == "<<" && !scalarKey.Quoted)
            {
                merged.AddRange(MergeSources(value));
                continue;
            }
            // One hash lookup per key (find or add): in a 4 MB mapping of keys this dictionary is a tenth of validate's time.
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, scalarKey.Text, out bool seen);
            if (seen)
                _bag.Add(scalarKey, $"duplicate key '{scalarKey.Text}' (first at line {first!.Key.Position.Line}); each key may appear once, so remove or merge one of them");
            else
            {
                first = new MappingEntry(scalarKey, value);
                entries.Add(first);
            }
        }
        if (start.Style == MappingStyle.Flow) _openFlowCollections.Pop();
        Next();
        // `<<: *base` merge keys: keys written here win over merged ones, earlier sources over later.
        foreach (var source in merged)
            foreach (var entry in source.Entries)
                if (byName.TryAdd(entry.Name, entry)) entries.Add(entry);
        return new MappingNode(At(start.Start), entries);
    }

    IEnumerable<MappingNode> MergeSources(ConfigNode value)
    {
        var sources = value is SequenceNode list ? list.Items : new[] { value };
        foreach (var source in sources)
        {
            if (source is MappingNode mapping) yield return mapping;
            else _bag.Add(source, "'<<' merges mappings only; write `<<: *anchor` where &anchor names a mapping");
        }
    }

    ConfigNode? ExpandAlias(AnchorAlias alias, int depth)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            _bag.Add(At(alias.Start), $"alias '*{alias.Value.Value}' refers to no anchor; define '&{alias.Value.Value}' on a node before using it");
            return null;
        }
        _expandedThroughAliases += target.Size;
        if (_expandedThroughAliases > AliasExpansionBudget)
        {
            _bag.Add(At(alias.Start), $"aliases expand to more than {AliasExpansionBudget:N0} nodes (an alias bomb, \"billion laughs\"); use fewer or smaller aliases");
            return null;
        }
        if (depth + target.Depth - 1 > MaxDepth)
        {
            _bag.Add(At(alias.Start), $"alias '*{alias.Value.Value}' nests deeper than {MaxDepth} levels; flatten the structure");
            return null;
        }
        Next();
        return target;
    }
}
