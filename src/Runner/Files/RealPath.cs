namespace Runner.Files;

/// <summary>
/// A path with every symbolic link along it resolved, as the kernel would follow it (realpath(3)); the
/// parts that don't exist yet are kept as written. A check that a path lies inside or outside a folder
/// must compare real paths: `out/link/runs.csv`, with `link` pointing into a results folder, names a
/// file inside it however its text reads.
/// </summary>
public static class RealPath
{
    /// <summary>More links than this along one path is a loop (Linux's own limit is 40).</summary>
    const int MaxLinks = 40;

    public static string Of(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw new IOException($"{full}: too many levels of symbolic links");
                next = Resolve(Path.GetFullPath(target, current), ref links);
            }
            else if (!info.Exists && !Directory.Exists(next))
                return Path.Combine([next, .. parts[(i + 1)..]]);   // the rest doesn't exist: nothing more to resolve
            current = next;
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it, both resolved.</summary>
    public static bool Inside(string path, string folder)
    {
        var (full, root) = (Path.TrimEndingDirectorySeparator(Of(path)), Path.TrimEndingDirectorySeparator(Of(folder)));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
