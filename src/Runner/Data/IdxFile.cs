using Runner.Text;
using Runner.Models.Optimizers;
using System.Buffers.Binary;
using System.IO.Compression;
using Runner.Files;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// The idx format of MNIST and Fashion-MNIST: a big-endian magic number (0x0000 0x08=unsigned byte,
/// then the number of dimensions), one big-endian int32 per dimension, then the bytes row-major.
/// Every check names the file, because the usual culprit is a truncated download.
/// </summary>
internal static class IdxFile
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>
    /// The decompressed content of an idx file, raw or gzipped (told apart by the gzip signature, not the
    /// name), at most <paramref name="limit"/> bytes: a few kilobytes of gzip can expand to gigabytes.
    /// </summary>
    /// <param name="limitName">What the limit is, for the message.</param>
    public static byte[] ReadContent(string path, long limit = Limits.MaxDataFileBytes, string limitName = "the limit for a data file; use a smaller file")
    {
        if (FileKind.OfTarget(path) != FileType.Regular)
            throw new DataFileException($"{path}: not a regular file (a FIFO, device, socket or folder); give an idx file");
        var size = limit % (1024 * 1024) == 0 ? $"{limit / 1024 / 1024} MB" : Numbers.Bytes(limit);   // "512 MB", "15.3 MB"
        DataFileException TooLarge(string how) => new($"{path}: more than {size}{how}, {limitName}");
        if (!StartsWithGzipSignature(path)) return BoundedRead.Bytes(path, limit) ?? throw TooLarge("");
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            return BoundedRead.Bytes(gzip, limit) ?? throw TooLarge(" once decompressed");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFileException($"{path}: the gzip data is truncated or corrupt ({e.Message})");
        }
    }

    /// <summary>Images as float32 [N, height, width] scaled to 0..1, converted in bulk.</summary>
    public static Tensor Images(byte[] content, string source)
    {
        var dims = ReadDimensions(content, ImagesMagic, "images", source);
        using var scope = NewDisposeScope();
        // frombuffer shares the managed array; the conversion makes the tensor that outlives it.
        var pixels = frombuffer(content, ScalarType.Byte, count: dims.Aggregate(1L, (a, b) => a * b), offset: HeaderLength(dims.Length));
        using var s = new KeptScalars();   // another run may be training meanwhile
        return pixels.reshape(dims).to_type(ScalarType.Float32).div_(s[255.0]).MoveToOuterDisposeScope();
    }

    /// <summary>Labels as int64 [N].</summary>
    public static Tensor Labels(byte[] content, string source)
    {
        var dims = ReadDimensions(content, LabelsMagic, "labels", source);
        using var scope = NewDisposeScope();
        var labels = frombuffer(content, ScalarType.Byte, count: dims[0], offset: HeaderLength(1));
        return labels.to_type(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>Checks magic number, dimensions and length; returns the dimensions.</summary>
    public static long[] ReadDimensions(ReadOnlySpan<byte> content, int expectedMagic, string what, string source)
    {
        int expectedRank = expectedMagic & 0xFF;
        if (content.Length < 4)
            throw new DataFileException($"{source}: {content.Length} bytes is too short to be an idx file (truncated?)");
        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
            throw new DataFileException(
                $"{source}: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (idx {what} of unsigned bytes)" +
                (magic is ImagesMagic or LabelsMagic ? $"; this is an idx {(magic == ImagesMagic ? "images" : "labels")} file" : "; not an idx file"));
        int headerLength = HeaderLength(expectedRank);
        if (content.Length < headerLength)
            throw new DataFileException($"{source}: truncated in the header ({content.Length} bytes, the header alone needs {headerLength})");

        var dims = new long[expectedRank];
        long elements = 1;
        for (int d = 0; d < expectedRank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(content[(4 + 4 * d)..]);
            if (dims[d] <= 0)
                throw new DataFileException($"{source}: dimension {d} is {dims[d]}; every dimension must be at least 1");
            elements *= dims[d];
            if (elements > Array.MaxLength)
                throw new DataFileException($"{source}: the header promises more than {Array.MaxLength} bytes of data");
        }

        long expectedLength = headerLength + elements;
        if (content.Length < expectedLength)
            throw new DataFileException(
                $"{source}: truncated: {content.Length} bytes, but the header ({string.Join(" x ", dims)}) needs {expectedLength}");
        if (content.Length > expectedLength)
            throw new DataFileException(
                $"{source}: {content.Length - expectedLength} unexpected bytes after the {string.Join(" x ", dims)} data");
        return dims;
    }

    static int HeaderLength(int rank) => 4 + 4 * rank;

    static bool StartsWithGzipSignature(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> signature = stackalloc byte[2];
        int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        return read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }
}
