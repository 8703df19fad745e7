using System.Text;
using Runner.Config.Diagnostics;
using Runner.Files;

namespace Runner.Config.Yaml;

/// <summary>
/// Reads an experiment file into a tree, answering with a positioned error (never an exception) for
/// a missing file, a directory, bytes that are not UTF-8, an empty file and broken YAML.
/// </summary>
public static class ConfigFileReader
{
    /// <summary>Files larger than this are not experiment files (and would only slow validation).</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ConfigNode? Read(string path, DiagnosticBag bag) =>
        ReadText(path, bag) is { } text ? Parse(text, path, bag) : null;

    /// <summary>The tree of a file's text; an empty document is an error.</summary>
    public static ConfigNode? Parse(string text, string path, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        var root = YamlTreeBuilder.Build(text, path, bag);
        if (root is null && bag.Reports == errorsBefore || root is ScalarNode { IsNull: true })
        {
            bag.Add(new SourcePosition(path, 1, 1), "the file is empty; an experiment needs at least `data:`, `model:` and `train:` sections");
            return null;
        }
        return root;
    }

    /// <summary>The file's text, or null with the reason in <paramref name="bag"/>.</summary>
    public static string? ReadText(string path, DiagnosticBag bag)
    {
        var start = new SourcePosition(path, 1, 1);
        switch (FileKind.OfTarget(path))
        {
            case FileType.Directory:
                bag.Add(start, "this is a directory, not an experiment file; give a .yaml file inside it");
                return null;
            case FileType.Missing:
                bag.Add(start, $"no such file (looked in {Path.GetFullPath(path)}); check the path");
                return null;
            case FileType.Other:
                // A FIFO would block forever and a device (/dev/zero) never ends.
                bag.Add(start, "this is not a regular file (a FIFO, device or socket); give a .yaml file");
                return null;
        }
        byte[] bytes;
        try
        {
            // Reads at most the limit, whatever the file claims its length to be.
            if (BoundedRead.Bytes(path, MaxFileBytes) is not { } content)
            {
                bag.Add(start, $"the file is larger than the limit of {MaxFileBytes / 1024 / 1024} MB; an experiment file is a few hundred lines of YAML");
                return null;
            }
            bytes = content;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Add(start, $"can't read the file: {e.Message}; check its permissions");
            return null;
        }
        return Decode(bytes, path, bag);
    }

    /// <summary>UTF-8 (with or without BOM) only; other encodings get a message that says what to do.</summary>
    public static string? Decode(byte[] bytes, string path, DiagnosticBag bag)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            bag.Add(new SourcePosition(path, 1, 1), "the file is UTF-16; save it as UTF-8");
            return null;
        }
        int offset = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            int bad = FirstInvalidByte(bytes, offset);
            var (line, column) = LineAndColumn(bytes, offset, bad);
            bag.Add(new SourcePosition(path, line, column),
                $"the file is not valid UTF-8 (byte 0x{bytes[bad]:X2} here); save it as UTF-8");
            return null;
        }
    }

    /// <summary>Where the first malformed UTF-8 sequence starts (lead byte, length, continuation bytes).</summary>
    static int FirstInvalidByte(byte[] bytes, int offset)
    {
        int i = offset;
        while (i < bytes.Length)
        {
            byte lead = bytes[i];
            int length = lead < 0x80 ? 1 : (lead >> 5) == 0b110 ? 2 : (lead >> 4) == 0b1110 ? 3 : (lead >> 3) == 0b11110 ? 4 : 0;
            if (length == 0 || i + length > bytes.Length) return i;
            for (int k = 1; k < length; k++)
                if ((bytes[i + k] & 0xC0) != 0x80) return i;
            i += length;
        }
        return bytes.Length - 1; // well-formed but refused (an overlong form or a surrogate): point at the end
    }

    static (int Line, int Column) LineAndColumn(byte[] bytes, int offset, int position)
    {
        int lineStart = offset, line = 1;
        for (int i = offset; i < position; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        int column = Encoding.UTF8.GetCharCount(bytes, lineStart, position - lineStart) + 1;
        return (line, column);
    }
}
