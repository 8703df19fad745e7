using System.Security.Cryptography;

namespace Runner.Data;

/// <summary>SHA-256 of file contents, written as lowercase hex like `sha256sum` prints it.</summary>
internal static class Checksum
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SHA256.HashData(content));
}
