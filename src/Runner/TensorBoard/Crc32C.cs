namespace Runner.TensorBoard;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of the TFRecord framing TensorBoard reads, and its "masked"
/// form that TFRecord stores (rotated and offset, so that a CRC of data that contains CRCs stays strong).
/// </summary>
public static class Crc32C
{
    const uint Polynomial = 0x82F63B78;   // reversed 0x1EDC6F41
    static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    public static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }

    static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            table[i] = crc;
        }
        return table;
    }
}
