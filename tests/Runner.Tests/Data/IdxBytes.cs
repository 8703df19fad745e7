using System.Buffers.Binary;
using System.IO.Compression;

namespace Runner.Runner.Tests.Data;

/// <summary>Handmade idx files for tests: a header written by hand, then the bytes.</summary>
internal static class IdxBytes
{
    /// <summary>n images of h x w; pixel i (over the whole file) is (i * 7) % 256.</summary>
    public static byte[] Images(int n, int h, int w) =>
        Build(0x00000803, [n, h, w], Enumerable.Range(0, n * h * w).Select(i => (byte)(i * 7 % 256)).ToArray());

    public static byte[] Labels(params byte[] labels) => Build(0x00000801, [labels.Length], labels);

    public static byte[] Build(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static void Write(string path, byte[] content, bool gzip = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!gzip) { File.WriteAllBytes(path, content); return; }
        using var file = File.Create(path);
        using var zipped = new GZipStream(file, CompressionLevel.Fastest);
        zipped.Write(content);
    }
}
