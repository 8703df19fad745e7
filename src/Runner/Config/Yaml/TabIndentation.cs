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
        int line = 1;
        for (int start = 0; start < text.Length; line++)
        {
            // Walks the indentation of each line in place: splitting a 4 MB file into lines cost more than the check.
            for (int column = 0; start + column < text.Length && text[start + column] is ' ' or '\t'; column++)
            {
                if (text[start + column] != '\t') continue;
                bag.Add(position(new Mark(0, line, column + 1)),
                    "tab character in indentation; YAML indents with spaces only, so replace the tab with spaces");
                found = true;
                break;
            }
            int end = text.IndexOf('\n', start);
            start = end < 0 ? text.Length : end + 1;
        }
        return found;
    }
}
