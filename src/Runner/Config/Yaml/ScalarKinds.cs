using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Runner.Config.Yaml;

public enum ScalarKind { Null, Bool, Int, Float, String }

/// <summary>
/// How a plain scalar is typed: the YAML 1.2 core schema (`~`/`null`, `true`/`false`, integers,
/// floats incl. `.inf`), so `yes` and `0o7`-style surprises of YAML 1.1 don't apply.
/// Quoted scalars are always strings.
/// </summary>
public static partial class ScalarKinds
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex DecimalInt();
    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")] private static partial Regex HexInt();
    [GeneratedRegex(@"^0o[0-7]+$")] private static partial Regex OctalInt();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex DecimalFloat();
    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")] private static partial Regex SpecialFloat();

    public static ScalarKind Of(ScalarNode node) => node.Quoted ? ScalarKind.String : OfPlain(node.Text);

    public static ScalarKind OfPlain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Bool,
        _ when DecimalInt().IsMatch(text) || HexInt().IsMatch(text) || OctalInt().IsMatch(text) => ScalarKind.Int,
        _ when DecimalFloat().IsMatch(text) || SpecialFloat().IsMatch(text) => ScalarKind.Float,
        _ => ScalarKind.String,
    };

    /// <summary>The value of an Int scalar, arbitrarily large (callers check the bounds they need).</summary>
    public static BigInteger IntValue(string text)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
            return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (text.StartsWith("0o", StringComparison.Ordinal))
            return text[2..].Aggregate(BigInteger.Zero, (value, digit) => value * 8 + (digit - '0'));
        return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>The value of an Int or Float scalar as a double (may be infinite for absurd numbers).</summary>
    public static double NumberValue(string text, ScalarKind kind)
    {
        if (kind == ScalarKind.Int) return text.Length > 400 ? double.PositiveInfinity : (double)IntValue(text);
        var lowered = text.ToLowerInvariant();
        if (lowered.EndsWith(".inf", StringComparison.Ordinal))
            return lowered.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        if (lowered == ".nan") return double.NaN;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static bool BoolValue(string text) => text.Equals("true", StringComparison.OrdinalIgnoreCase);
}
