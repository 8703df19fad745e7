using System.Text.RegularExpressions;

namespace Runner.Config.Yaml;

/// <summary>
/// `{units: 100, activation: ${activation}}` is what users write, but in YAML's
/// flow style '{' and '}' end a plain scalar, so the line would not parse. Before parsing, the braces
/// of each `${name}` become two private-use characters (same length, so every column stays right),
/// and every scalar gets them back afterwards.
/// </summary>
static partial class VariableMasking
{
    const char Open = '\uE000', Close = '\uE001';

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.]*)\}")] private static partial Regex Reference();

    public static string Mask(string text) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Reference().Replace(text, m => "$" + Open + m.Groups[1].Value + Close)
            : text;

    public static string Unmask(string text) =>
        text.IndexOf(Open) < 0 ? text : text.Replace(Open, '{').Replace(Close, '}');
}
