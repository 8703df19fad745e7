using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Runner.Models.Specs;

namespace Runner.Config.Yaml;

/// <summary>
/// Writes single values as YAML, deterministically and culture-invariantly, so that reading the text
/// back gives the same value: strings are quoted whenever they would otherwise read as another type,
/// doubles always carry a decimal point or exponent.
/// </summary>
public static partial class YamlText
{
    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./+\-]*$")] private static partial Regex PlainSafe();

    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Double(d),
        float f => Double(f),
        string s => String(s),
        IntPair pair => $"[{pair.Height}, {pair.Width}]",
        _ => String(System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(value)) return ".inf";
        if (double.IsNegativeInfinity(value)) return "-.inf";
        if (double.IsNaN(value)) return ".nan";
        return text.Contains('.') || text.Contains('E') ? text.Replace("E", "e") : text + ".0";
    }

    /// <summary>Plain when that reads back as the same string, else double-quoted. `${` is escaped as `$${`.</summary>
    public static string String(string value)
    {
        value = value.Replace("${", "$${", StringComparison.Ordinal);
        if (PlainSafe().IsMatch(value) && ScalarKinds.OfPlain(value) == ScalarKind.String) return value;
        var quoted = new StringBuilder("\"");
        foreach (char c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
