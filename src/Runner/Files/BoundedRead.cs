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
        long length = stream.CanSeek ? stream.Length : 0;
        if (length is <= 0 or > int.MaxValue || length > limit) return Bytes(stream, limit);
        // A regular file read straight into an array of its size: a dataset's 47 MB is then copied once, not
        // grown and copied again. A file that turns out longer or shorter than it said is read the bounded way.
        var content = new byte[length];
        int filled = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
        int next = filled == content.Length ? stream.ReadByte() : -1;
        if (filled == content.Length && next < 0) return content;
        var start = new MemoryStream();
        start.Write(content, 0, filled);
        if (next >= 0) start.WriteByte((byte)next);
        return start.Length > limit ? null : Bytes(stream, limit, start);
    }

    /// <summary>The rest of <paramref name="stream"/> (a decompressing one too), or null past <paramref name="limit"/> bytes.</summary>
    public static byte[]? Bytes(Stream stream, long limit) => Bytes(stream, limit, new MemoryStream());

    static byte[]? Bytes(Stream stream, long limit, MemoryStream buffer)
    {
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
