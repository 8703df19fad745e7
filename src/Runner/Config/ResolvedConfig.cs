using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Runner.Config.Binding;
using Runner.Config.Yaml;
using Runner.Models.Specs;

namespace Runner.Config;

/// <summary>
/// The canonical text of a fully resolved experiment: every section and every default written out,
/// culture-invariant, so its hash identifies a run's configuration (what resume matches on).
/// It is written from the config schema the binders declare (<see cref="ExperimentBinder.Top"/>): each
/// declared key, in declared order, takes its value from the spec property of the same name
/// (`batch_size` from BatchSize), so a new setting is declared once, as a key, and is written and hashed
/// with no change here. Sections with components (data, model, train) are written as blocks, the others
/// as one-line mappings. Loading the text back gives the same experiment and the same text.
/// </summary>
public static class ResolvedConfig
{
    public static string Write(Experiment experiment)
    {
        var text = new StringBuilder();
        Block(text, 0, ExperimentBinder.Top, experiment);
        return text.ToString();
    }

    /// <summary>First 8 hex digits of the SHA-256 of the canonical text.</summary>
    public static string Hash(string resolvedYaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolvedYaml)))[..8];

    static void Block(StringBuilder text, int indent, Section section, object spec)
    {
        var pad = new string(' ', indent * 2);
        foreach (var key in section.KeysOf(spec))
        {
            var value = ValueOf(spec, key);
            text.Append(pad).Append(key.Name).Append(':');
            if (key is SectionKey nested && value is not null && IsBlock(nested.Section))
            {
                text.Append('\n');
                Block(text, indent + 1, nested.Section, value);
            }
            else if (key is ComponentListKey && value is IEnumerable<ComponentSpec> items)
            {
                text.Append('\n');
                foreach (var item in items) text.Append(pad).Append("  - ").Append(ListItem(item)).Append('\n');
            }
            else text.Append(' ').Append(Inline(key, value)).Append('\n');
        }
    }

    /// <summary>A section that holds components is a block; one of plain values fits on a line.</summary>
    static bool IsBlock(Section section) => section.Keys.Any(k => k is ComponentKey or ComponentListKey);

    static string Inline(ConfigKey key, object? value) => value switch
    {
        null => "null",
        _ when key is SectionKey nested =>
            "{" + string.Join(", ", nested.Section.KeysOf(value).Select(k => $"{k.Name}: {Inline(k, ValueOf(value, k))}")) + "}",
        ComponentSpec component => Component(component),
        Shape shape => List(shape.Dims.Cast<object>()),
        string or IntPair => YamlText.Scalar(value),
        IEnumerable<ComponentSpec> components => $"[{string.Join(", ", components.Select(Component))}]",
        IEnumerable list => List(list.Cast<object>()),
        _ => YamlText.Scalar(value),
    };

    static string List(IEnumerable<object> items) => $"[{string.Join(", ", items.Select(YamlText.Scalar))}]";

    /// <summary>The spec property a key is bound to: its name without underscores, any case.</summary>
    static object? ValueOf(object spec, ConfigKey key)
    {
        var name = key.Name.Replace("_", "", StringComparison.Ordinal);
        var property = spec.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            ?? throw new InvalidOperationException($"{spec.GetType().Name} has no property for the config key '{key.Name}'");
        return property.GetValue(spec);
    }

    /// <summary>A layer: `- flatten` or `- dense: {units: 100, ...}`.</summary>
    static string ListItem(ComponentSpec spec) =>
        spec.Arguments.Count == 0 ? YamlText.String(spec.Name) : $"{YamlText.String(spec.Name)}: {{{Arguments(spec.Arguments)}}}";

    /// <summary>A bare name without arguments, else `{name: adam, learning_rate: 0.001, ...}`.</summary>
    static string Component(ComponentSpec spec) =>
        spec.Arguments.Count == 0
            ? YamlText.String(spec.Name)
            : $"{{name: {YamlText.String(spec.Name)}, {Arguments(spec.Arguments)}}}";

    static string Arguments(Arguments arguments) =>
        string.Join(", ", arguments.Select(a => $"{a.Key}: {(a.Value is ComponentSpec nested ? Component(nested) : YamlText.Scalar(a.Value))}"));
}
