using System.Text;

namespace Runner.Files;

/// <summary>
/// Whole-file writes that a crash cannot leave half done: write a temporary file next to the target,
/// flush it to disk, then rename it over the target (an atomic replace on POSIX file systems).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, s =>
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        s.Write(bytes, 0, bytes.Length);
    });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, s => s.Write(bytes, 0, bytes.Length));
    }

    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Saves through a library call that wants a path (torch's save), still atomically.</summary>
    public static void WriteVia(string path, Action<string> save)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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
