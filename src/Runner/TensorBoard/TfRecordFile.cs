using System.Buffers.Binary;
using System.IO.Hashing;

namespace Runner.TensorBoard;

/// <summary>
/// The TFRecord framing of TensorBoard event files: per record a little-endian uint64 length, the
/// masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
/// </summary>
public static class TfRecordFile
{
    /// <summary>Appends one record; the file is opened and closed per call, as TorchSharp's writer does.</summary>
    public static void Append(string path, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(header);
        file.Write(data);
        file.Write(footer);
    }

    /// <summary>
    /// Every record of a file, each checked against both of its CRCs. A record cut short at the end
    /// (a writer that is still writing, or crashed) ends the list; a CRC mismatch throws.
    /// </summary>
    public static IReadOnlyList<byte[]> ReadAll(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        var at = 0;
        while (at + 12 <= bytes.Length)
        {
            var header = bytes.AsSpan(at, 12);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != MaskedCrc(header[..8]))
                throw new InvalidDataException($"{path}: bad length CRC at byte {at}");
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            if (at + 12 + length + 4 > bytes.Length) break;
            var data = bytes.AsSpan(at + 12, length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + length, 4)) != MaskedCrc(data))
                throw new InvalidDataException($"{path}: bad data CRC in the record at byte {at}");
            records.Add(data.ToArray());
            at += 12 + length + 4;
        }
        return records;
    }

    /// <summary>
    /// The CRC-32C (Castagnoli) of the data, masked as TFRecord stores it (rotated and offset, so that a CRC
    /// of data that holds CRCs stays strong). The CRC is the runtime library's.
    /// </summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }
}
