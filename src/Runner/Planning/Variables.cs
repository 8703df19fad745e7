using System.Text.RegularExpressions;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// `${name}` in a config value. A value that is exactly `${name}` is replaced by the axis value as a
/// node (a whole sub-tree may come in, keeping the sweep entry's position); inside longer text
/// (`run-${seed}`) the value's <see cref="CompactText"/> is spliced in. `$${` writes a literal `${`.
/// </summary>
public static partial class Variables
{
    /// <summary>A variable's name: a sweep axis name.</summary>
    public const string NamePattern = "[A-Za-z_][A-Za-z0-9_]*";

    /// <summary>A use of a variable, alone or inside longer text.</summary>
    public const string ReferencePattern = @"\$\{" + NamePattern + @"\}";

    [GeneratedRegex(@"\$\$\{|\$\{([^}]*)\}")] private static partial Regex Reference();
    [GeneratedRegex(@"^\$\{(" + NamePattern + @")\}$")] private static partial Regex WholeReference();
    [GeneratedRegex("^" + NamePattern + "$")] private static partial Regex Name();

    public sealed record Use(string Name, ScalarNode Node);

    /// <summary>Every `${name}` in the tree; malformed references and references in keys are reported.</summary>
    public static IReadOnlyList<Use> Uses(ConfigNode root, DiagnosticBag bag)
    {
        var uses = new List<Use>();
        void Visit(ConfigNode node)
        {
            switch (node)
            {
                case ScalarNode scalar:
                    foreach (Match match in Reference().Matches(scalar.Text))
                    {
                        if (!match.Groups[1].Success) continue; // `$${`, an escaped literal
                        var name = match.Groups[1].Value;
                        if (Name().IsMatch(name)) uses.Add(new Use(name, scalar));
                        else bag.Add(scalar, $"'{match.Value}' is not a variable; a variable is a sweep axis name of letters, digits and '_' (write a literal '${{' as '$${{')");
                    }
                    break;
                case SequenceNode list:
                    foreach (var item in list.Items) Visit(item);
                    break;
                case MappingNode mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        if (entry.Name.Contains("${", StringComparison.Ordinal))
                            bag.Add(entry.Key, $"variables can't be used in keys ('{entry.Name}'); sweep a dotted path instead, e.g. model.layers.1.dense.units");
                        Visit(entry.Value);
                    }
                    break;
            }
        }
        Visit(root);
        return uses;
    }

    /// <summary>The tree with the given variables replaced; unchanged parts are shared, undefined ones left as written.</summary>
    /// <param name="spliced">Variables whose value is a list of items (a searched depth's layers): where one is an item of a
    /// list, its items take its place.</param>
    public static ConfigNode Substitute(ConfigNode node, IReadOnlyDictionary<string, ConfigNode> values, IReadOnlySet<string>? spliced = null) => node switch
    {
        ScalarNode scalar => SubstituteScalar(scalar, values),
        SequenceNode list => Rebuild(list, values, spliced),
        MappingNode mapping => Rebuild(mapping, values, spliced),
        _ => node,
    };

    static ConfigNode SubstituteScalar(ScalarNode scalar, IReadOnlyDictionary<string, ConfigNode> values)
    {
        if (!scalar.Text.Contains('$')) return scalar;
        var whole = WholeReference().Match(scalar.Text);
        if (whole.Success && values.TryGetValue(whole.Groups[1].Value, out var value)) return value;
        var text = Reference().Replace(scalar.Text, match =>
            !match.Groups[1].Success ? "${" :
            values.TryGetValue(match.Groups[1].Value, out var v) ? CompactText.Of(v) : match.Value);
        return text == scalar.Text ? scalar : new ScalarNode(scalar.Position, text, scalar.Quoted);
    }

    static ConfigNode Rebuild(SequenceNode list, IReadOnlyDictionary<string, ConfigNode> values, IReadOnlySet<string>? spliced)
    {
        var items = list.Items.SelectMany(i =>
            spliced is { Count: > 0 } && i is ScalarNode s && WholeReference().Match(s.Text) is { Success: true } m && spliced.Contains(m.Groups[1].Value)
                && values.TryGetValue(m.Groups[1].Value, out var value) && value is SequenceNode layers
                ? layers.Items
                : [Substitute(i, values, spliced)]).ToList();
        return items.SequenceEqual(list.Items) ? list : new SequenceNode(list.Position, items);
    }

    static ConfigNode Rebuild(MappingNode mapping, IReadOnlyDictionary<string, ConfigNode> values, IReadOnlySet<string>? spliced)
    {
        var entries = mapping.Entries.Select(e => e with { Value = Substitute(e.Value, values, spliced) }).ToList();
        return entries.SequenceEqual(mapping.Entries) ? mapping : new MappingNode(mapping.Position, entries);
    }
}
