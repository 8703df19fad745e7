using Runner.Files;

namespace Runner.Data;

/// <summary>
/// An idx file read and checked: its decompressed content when the header, the size and the SHA-256
/// are right, otherwise what is wrong with it.
/// </summary>
internal sealed record VerifiedFile(byte[]? Content, string Problem, bool WrongChecksum)
{
    /// <param name="stamps">
    /// The cache's record of checked files: a file it vouches for, unchanged while it was read, is not hashed
    /// again; a file hashed and found right, unchanged while it was read, is recorded. Null hashes every file.
    /// </param>
    public static VerifiedFile Read(string path, IdxFileSpec file, VerificationStamps? stamps = null)
    {
        try
        {
            var before = stamps is null ? null : FileIdentity.Of(path);
            var bytes = IdxFile.ReadContent(path);
            IdxFile.ReadDimensions(bytes, file.IsImages ? IdxFile.ImagesMagic : IdxFile.LabelsMagic, file.IsImages ? "images" : "labels", path);
            bool unchanged = before is not null && FileIdentity.Of(path) == before;
            if (unchanged && stamps!.Vouches(path, before, file.Sha256)) return new VerifiedFile(bytes, "", false);
            var actual = Checksum.Sha256Hex(bytes);
            if (actual != file.Sha256) return new VerifiedFile(null, $"{path}: SHA-256 {actual}, expected {file.Sha256}", true);
            if (unchanged) stamps!.Record(path, before, actual);
            return new VerifiedFile(bytes, "", false);
        }
        catch (DataFileException e) { return Failed(e.Message); }
        catch (IOException e) { return Failed($"{path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Failed($"{path}: {e.Message}"); }
    }

    static VerifiedFile Failed(string problem) => new(null, problem, false);
}
