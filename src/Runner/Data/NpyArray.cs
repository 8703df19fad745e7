using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Runner.Data;

/// <summary>
/// A uint8 array in numpy's .npy format (as Keras keeps MNIST in mnist.npz): the magic "\x93NUMPY",
/// a version, a little-endian header length, a Python-dict header naming dtype, order and shape, then
/// the data. Only what MNIST needs is read: unsigned bytes in C order.
/// </summary>
internal sealed partial record NpyArray(long[] Shape, byte[] Data)
{
    public static NpyArray ReadUInt8(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes[1..6].SequenceEqual("NUMPY"u8))
            throw new DataFileException($"{source}: not a .npy array");
        int major = bytes[6];
        int headerStart = major == 1 ? 10 : 12;
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        if (bytes.Length < headerStart + headerLength)
            throw new DataFileException($"{source}: truncated in the .npy header");
        var header = Encoding.Latin1.GetString(bytes.Slice(headerStart, headerLength));

        var descr = DescrPattern().Match(header);
        if (!descr.Success || descr.Groups[1].Value is not ("|u1" or "<u1" or ">u1" or "u1"))
            throw new DataFileException($"{source}: element type {(descr.Success ? descr.Groups[1].Value : "?")}, expected uint8");
        if (FortranPattern().Match(header) is { Success: true } fortran && fortran.Groups[1].Value == "True")
            throw new DataFileException($"{source}: Fortran-ordered arrays are not supported");
        var shapeMatch = ShapePattern().Match(header);
        if (!shapeMatch.Success)
            throw new DataFileException($"{source}: the .npy header has no shape");
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse).ToArray();

        long elements = shape.Aggregate(1L, (a, b) => a * b);
        var data = bytes[(headerStart + headerLength)..];
        if (data.Length != elements)
            throw new DataFileException($"{source}: {data.Length} data bytes, the shape ({string.Join(", ", shape)}) needs {elements}");
        return new NpyArray(shape, data.ToArray());
    }

    /// <summary>The same array as idx content (magic 0x0803 / 0x0801 by rank), so idx checksums apply.</summary>
    public byte[] ToIdx()
    {
        var idx = new byte[4 + 4 * Shape.Length + Data.Length];
        BinaryPrimitives.WriteInt32BigEndian(idx, 0x0800 | Shape.Length);
        for (int d = 0; d < Shape.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(idx.AsSpan(4 + 4 * d), checked((int)Shape[d]));
        Data.CopyTo(idx, 4 + 4 * Shape.Length);
        return idx;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
