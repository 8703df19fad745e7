using Runner.Config.Diagnostics;
using YamlDotNet.Core;

namespace Runner.Config.Yaml;

/// <summary>
/// YAML forbids tabs in indentation, and parsers report it confusingly far from the tab. We find each
/// one ourselves and point at it.
/// </summary>
static class TabIndentation
{
    /// <summary>Reports every indenting tab; true when there was one (the file is then not parsed).</summary>
    public static bool Report(string text, Func<Mark, SourcePosition> position, DiagnosticBag bag)
    {
        bool found = false;
        var lines = text.Split('\n');
        for (int line = 0; line < lines.Length; line++)
        {
            var content = lines[line];
            for (int column = 0; column < content.Length && content[column] is ' ' or '\t'; column++)
            {
                if (content[column] != '\t') continue;
                bag.Add(position(new Mark(0, line + 1, column + 1)),
                    "tab character in indentation; YAML indents with spaces only, so replace the tab with spaces");
                found = true;
                break;
            }
        }
        return found;
    }
}
