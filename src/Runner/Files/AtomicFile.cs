using System.Text;

namespace Runner.Files;

/// <summary>
/// Whole-file writes that a crash cannot leave half done, for every file Runner writes whole: write a
/// temporary file with a unique name next to the target, flush it to disk, then rename it over the
/// target (an atomic replace on POSIX file systems). A killed writer leaves only its temporary file,
/// which <see cref="Leftovers"/> removes.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, s => s.Write(bytes, 0, bytes.Length));
    }

    public static void Write(string path, Action<Stream> write) => WriteVia(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write);
        write(stream);
    });

    /// <summary>Saves through a library call that wants a path (torch's save, a chart's PNG), still atomically.</summary>
    public static void WriteVia(string path, Action<string> save)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Leftovers.WriterTag}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Created exclusively first, so the unique name can't be someone else's file or link.
            using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) { }
            save(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
