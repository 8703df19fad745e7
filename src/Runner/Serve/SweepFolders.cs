using Runner.Files;
using Runner.Results;

namespace Runner.Serve;

/// <summary>
/// The sweeps under the folders `runner serve` was given: a folder that holds runs.csv or sweep.json is
/// a sweep, otherwise each such folder directly inside it is (`runner serve results`). Found again on
/// every look, so a sweep started after the server appears. Sweeps are named by their folder's name
/// (a second of the same name gets "~2"); requests name a sweep only by that key, never by a path.
/// </summary>
public sealed class SweepFolders(IReadOnlyList<string> roots)
{
    public IReadOnlyList<string> Roots { get; } = roots.Select(Path.GetFullPath).ToArray();

    /// <summary>Key -> absolute folder, in the order the roots were given, then by name.</summary>
    public IReadOnlyDictionary<string, string> Find()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in Roots)
        {
            if (FileKind.Of(root) != FileType.Directory) continue;
            var folders = IsSweep(root) ? [root] : Children(root).Where(IsSweep);
            foreach (var folder in folders)
            {
                var name = Path.GetFileName(folder);
                var key = name;
                for (var n = 2; found.ContainsKey(key); n++) key = $"{name}~{n}";
                found[key] = folder;
            }
        }
        return found;
    }

    static IEnumerable<string> Children(string root)
    {
        try
        {
            // Only real folders: a link inside the given folder could lead anywhere.
            return Directory.EnumerateDirectories(root).Where(d => FileKind.Of(d) == FileType.Directory).Order(StringComparer.Ordinal).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    static bool IsSweep(string folder) =>
        FileKind.Of(Path.Combine(folder, ResultsLayout.RunsFile)) == FileType.Regular
        || FileKind.Of(Path.Combine(folder, ResultsLayout.SweepFile)) == FileType.Regular;

    /// <summary>Says why none of the folders is served, or null when they all exist.</summary>
    public string? Problem() =>
        Roots.FirstOrDefault(r => FileKind.Of(r) != FileType.Directory) is { } missing ? $"{missing} is not a folder" : null;
}
