namespace Runner.Data;

/// <summary>
/// An idx file read and checked: its decompressed content when the header, the size and the SHA-256
/// are right, otherwise what is wrong with it.
/// </summary>
internal sealed record VerifiedFile(byte[]? Content, string Problem, bool WrongChecksum)
{
    public static VerifiedFile Read(string path, IdxFileSpec file)
    {
        try
        {
            var bytes = IdxFile.ReadContent(path);
            IdxFile.ReadDimensions(bytes, file.IsImages ? IdxFile.ImagesMagic : IdxFile.LabelsMagic, file.IsImages ? "images" : "labels", path);
            var actual = Checksum.Sha256Hex(bytes);
            return actual == file.Sha256
                ? new VerifiedFile(bytes, "", false)
                : new VerifiedFile(null, $"{path}: SHA-256 {actual}, expected {file.Sha256}", true);
        }
        catch (DataFileException e) { return Failed(e.Message); }
        catch (IOException e) { return Failed($"{path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Failed($"{path}: {e.Message}"); }
    }

    static VerifiedFile Failed(string problem) => new(null, problem, false);
}
