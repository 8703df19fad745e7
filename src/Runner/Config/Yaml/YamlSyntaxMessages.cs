namespace Runner.Config.Yaml;

/// <summary>Turns YamlDotNet's parser messages into "what is wrong; what would be right".</summary>
static class YamlSyntaxMessages
{
    public static string Explain(string parserMessage)
    {
        var hint = parserMessage switch
        {
            var m when m.Contains("tab", StringComparison.OrdinalIgnoreCase) =>
                "YAML indents with spaces only, so replace the tab with spaces",
            var m when m.Contains("did not find expected key") =>
                "keys of one mapping must start in the same column; check the indentation of this line",
            var m when m.Contains("did not find expected '-'") =>
                "list items and keys are mixed at one level; indent the list under its key",
            var m when m.Contains("found invalid mapping") || m.Contains("mapping values are not allowed") =>
                "this ': ' can't start a mapping here; check that this line is indented like the keys beside it, or quote the value",
            var m when m.Contains("quoted scalar") =>
                "this quote is never closed (or a continuation line is not indented); add the closing quote",
            var m when m.Contains("did not find expected ',' or ']'") =>
                "a list written in [...] needs ',' between items and a closing ']'",
            var m when m.Contains("did not find expected ',' or '}'") =>
                "a mapping written in {...} needs ',' between entries and a closing '}'",
            var m when m.Contains("did not find expected node content") =>
                "a value is missing or starts with a reserved character; quote it",
            var m when m.Contains("character that cannot start any token") =>
                "this character can't start a value ('@' and '`' are reserved); quote the value",
            _ => "check indentation, colons, quotes and brackets here",
        };
        return $"YAML syntax error: {parserMessage.TrimEnd('.')}; {hint}";
    }
}
