using Runner.Text;
using System.Globalization;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// Reads typed values out of nodes. Each reader returns null after reporting why the node is not what
/// was asked for, so binding carries on and finds the file's other errors too.
/// </summary>
public static class Values
{
    /// <summary>The absurd-number guard: numbers are int32 (counts, sizes) or finite doubles.</summary>
    public static int? Int(ConfigNode node, string path, DiagnosticBag bag, ValueRange? range = null)
    {
        if (Scalar(node, path, "a whole number", bag) is not { } scalar) return null;
        if (scalar.Kind != ScalarKind.Int)
        {
            bag.Add(node, $"{path}: expected a whole number, got {scalar.Describe()}; write e.g. `{LastKey(path)}: {Example(range)}`");
            return null;
        }
        // Length first: parsing a megabyte of digits only to refuse them would be slow.
        var value = scalar.Text.Length > 20 ? int.MaxValue + 1L : ScalarKinds.IntValue(scalar.Text);
        if (value > int.MaxValue || value < int.MinValue)
        {
            bag.Add(node, $"{path}: {scalar.Text} is absurdly large; it must be at most {int.MaxValue:N0}" + RangeHint(range));
            return null;
        }
        return CheckRange((int)value, node, path, range, bag) ? (int)value : null;
    }

    public static double? Float(ConfigNode node, string path, DiagnosticBag bag, ValueRange? range = null)
    {
        if (Scalar(node, path, "a number", bag) is not { } scalar) return null;
        if (scalar.Kind is not (ScalarKind.Int or ScalarKind.Float))
        {
            bag.Add(node, $"{path}: expected a number, got {scalar.Describe()}; write e.g. `{LastKey(path)}: {Example(range, fraction: true)}`");
            return null;
        }
        double value = ScalarKinds.NumberValue(scalar.Text, scalar.Kind);
        if (double.IsNaN(value))
        {
            bag.Add(node, $"{path}: '.nan' is not a usable number; write a finite number");
            return null;
        }
        if (double.IsInfinity(value) || Math.Abs(value) > 1e30)
        {
            bag.Add(node, $"{path}: {scalar.Text} is absurdly large; write a finite number of sensible size" + RangeHint(range));
            return null;
        }
        return CheckRange(value, node, path, range, bag) ? value : null;
    }

    public static bool? Bool(ConfigNode node, string path, DiagnosticBag bag)
    {
        if (Scalar(node, path, "true or false", bag) is not { } scalar) return null;
        if (scalar.Kind == ScalarKind.Bool) return ScalarKinds.BoolValue(scalar.Text);
        var yaml11 = scalar.Text.ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n";
        bag.Add(node, $"{path}: expected true or false, got {scalar.Describe()}" +
            (yaml11 ? "; YAML 1.2 reads it as text, so write true or false" : "; write true or false"));
        return null;
    }

    /// <summary>Any non-null scalar as text (`name: 5` is the name "5").</summary>
    public static string? Text(ConfigNode node, string path, DiagnosticBag bag) =>
        Scalar(node, path, "a text value", bag)?.Text;

    /// <summary>`[28, 28]`: a non-empty list of whole numbers, each checked against <paramref name="range"/>.</summary>
    public static IReadOnlyList<int>? IntList(ConfigNode node, string path, DiagnosticBag bag, ValueRange? range = null, bool allowEmpty = false)
    {
        if (node is not SequenceNode list)
        {
            bag.Add(node, $"{path}: expected a list of whole numbers, got {node.Describe()}; write e.g. `{LastKey(path)}: [28, 28]`");
            return null;
        }
        if (list.Items.Count == 0 && !allowEmpty)
        {
            bag.Add(node, $"{path}: the list is empty; give at least one number");
            return null;
        }
        var values = list.Items.Select((item, i) => Int(item, $"{path}[{i}]", bag, range)).ToList();
        return values.All(v => v.HasValue) ? values.Select(v => v!.Value).ToList() : null;
    }

    /// <summary>The scalar itself, or null after saying that a list, mapping or nothing is not <paramref name="expected"/>.</summary>
    public static ScalarNode? Scalar(ConfigNode node, string path, string expected, DiagnosticBag bag)
    {
        if (node is ScalarNode { IsNull: false } scalar) return scalar;
        bag.Add(node, node is ScalarNode
            ? $"{path}: the value is missing; write {expected} after `{LastKey(path)}:`"
            : $"{path}: expected {expected}, got {node.Describe()}; write a single value after `{LastKey(path)}:`");
        return null;
    }

    static bool CheckRange(double value, ConfigNode node, string path, ValueRange? range, DiagnosticBag bag)
    {
        if (range is null || range.Contains(value)) return true;
        bag.Add(node, $"{path}: {Numbers.Exact(value)} is out of range; it must be {Describe(range)}");
        return false;
    }

    /// <summary>"in [0, 1)" or "&gt;= 1": ranges read the mathematical way.</summary>
    public static string Describe(ValueRange range)
    {
        var text = range.ToString();
        return text.StartsWith('>') ? text : "in " + text;
    }

    static string RangeHint(ValueRange? range) => range is null ? "" : $" (and {Describe(range)})";

    static string Example(ValueRange? range, bool fraction = false)
    {
        if (range is null) return fraction ? "0.5" : "10";
        double candidate = fraction && range.Contains(0.5) ? 0.5 : Math.Max(range.Min + (range.MinInclusive ? 0 : 1), range.Min);
        if (!range.Contains(candidate)) candidate = (range.Min + range.Max) / 2;
        return Numbers.Exact(fraction ? candidate : Math.Ceiling(candidate));
    }

    public static string LastKey(string path)
    {
        int dot = path.LastIndexOf('.');
        var key = dot < 0 ? path : path[(dot + 1)..];
        int bracket = key.IndexOf('[');
        return bracket < 0 ? key : key[..bracket];
    }
}
