namespace Runner.Files;

/// <summary>
/// Reads a file without trusting its reported length (0 for /dev/zero and FIFOs, anything for a file
/// that grows): at most <c>limit</c> bytes are ever held.
/// </summary>
public static class BoundedRead
{
    /// <summary>The whole content, or null when the file holds more than <paramref name="limit"/> bytes.</summary>
    public static byte[]? Bytes(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        return Bytes(stream, limit);
    }

    /// <summary>The rest of <paramref name="stream"/> (a decompressing one too), or null past <paramref name="limit"/> bytes.</summary>
    public static byte[]? Bytes(Stream stream, long limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The text (UTF-8), or null when the file holds more than <paramref name="limit"/> bytes.</summary>
    public static string? Text(string path, long limit) =>
        Bytes(path, limit) is { } bytes ? new System.Text.UTF8Encoding(false).GetString(bytes) : null;
}
