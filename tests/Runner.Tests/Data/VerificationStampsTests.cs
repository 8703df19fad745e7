using Runner.Data;
using Runner.Files;

namespace Runner.Tests.Data;

/// <summary>
/// The cache's record of verified files (.verified): a file unchanged since Runner hashed it is not hashed again,
/// and a file written in any way since (even to the same size, with its modification time put back) is hashed
/// again and refused when wrong.
/// </summary>
public sealed class VerificationStampsTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly TinyIdxDataset _tiny = new();
    readonly List<string> _log = [];

    DataContext Context => new(_temp.Path, _log.Add);
    string Cache => _temp["cache/tiny"];
    string Stamps => Path.Combine(Cache, VerificationStamps.FileName);
    string TrainImages => Path.Combine(Cache, _tiny.Files[IdxPart.TrainImages].FileName);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_the_record_vouches_for_is_not_hashed_again()
    {
        // Wrong content of the right size, with a record line that vouches for it as it is now: taken as verified,
        // which shows the record is what spares the hash (without it, this file is refused).
        var wrong = CacheWithOneWrongByte();
        var spec = _tiny.Files[IdxPart.TrainImages];
        File.WriteAllText(Stamps, $"{spec.FileName}\t{FileIdentity.Of(TrainImages)}\t{spec.Sha256}\n");

        var content = DatasetFiles.Load(_tiny.Files, Cache, [], Context);

        Assert.Equal(wrong, content[IdxPart.TrainImages]);
    }

    [Fact]
    public void A_record_others_could_write_vouches_for_nothing()
    {
        // Whoever can write the record could vouch for a file they swapped (red team: a forged line for a tampered
        // labels file trained every run on it, without a word). A group- or world-writable record is not the user's own.
        var wrong = CacheWithOneWrongByte();
        var spec = _tiny.Files[IdxPart.TrainImages];
        File.WriteAllText(Stamps, $"{spec.FileName}\t{FileIdentity.Of(TrainImages)}\t{spec.Sha256}\n");
        File.SetUnixFileMode(Stamps, File.GetUnixFileMode(Stamps) | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

        var refused = Assert.Throws<DatasetUnavailableException>(() => DatasetFiles.Load(_tiny.Files, Cache, [], Context));

        Assert.Contains("SHA-256", refused.Message);
    }

    [Fact]
    public void A_line_for_another_checksum_or_a_malformed_record_vouches_for_nothing()
    {
        var wrong = CacheWithOneWrongByte();
        var name = _tiny.Files[IdxPart.TrainImages].FileName;
        File.WriteAllText(Stamps, $"{name}\t{FileIdentity.Of(TrainImages)}\t{Checksum.Sha256Hex(wrong)}\n{name}\tnot numbers\t{new string('a', 64)}\n");

        var refused = Assert.Throws<DatasetUnavailableException>(() => DatasetFiles.Load(_tiny.Files, Cache, [], Context));

        Assert.Contains("SHA-256", refused.Message);
        Assert.False(File.Exists(TrainImages));   // deleted as before, to be fetched again
    }

    [Fact]
    public void A_file_changed_after_it_was_recorded_is_hashed_again_and_refused_even_at_the_same_size_and_mtime()
    {
        _tiny.WriteTo(Cache);
        WaitUntilSettled();
        DatasetFiles.Load(_tiny.Files, Cache, [], Context);
        var recorded = File.ReadAllLines(Stamps).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(_tiny.Files.Files.Select(f => f.FileName).Order(StringComparer.Ordinal), recorded.Select(l => l.Split('\t')[0]));
        Assert.True(FileIdentity.WritableOnlyByUs(Stamps));   // whatever the umask, or the next load would not trust it

        // One byte flipped in place, the size kept and the modification time put back as it was.
        var modified = File.GetLastWriteTimeUtc(TrainImages);
        var bytes = File.ReadAllBytes(TrainImages);
        bytes[^1] ^= 0xFF;
        using (var stream = new FileStream(TrainImages, FileMode.Open, FileAccess.Write)) { stream.Position = bytes.Length - 1; stream.WriteByte(bytes[^1]); }
        File.SetLastWriteTimeUtc(TrainImages, modified);
        Assert.Equal(modified, File.GetLastWriteTimeUtc(TrainImages));
        _tiny.WriteTo(_temp["copies"]);

        var content = DatasetFiles.Load(_tiny.Files, Cache, [new LocalFolderSource("copies", _temp["copies"])], Context);

        Assert.Equal(_tiny.Content, content);
        Assert.Single(_log, l => l.StartsWith($"tiny: the cached file {TrainImages} is unusable ({TrainImages}: SHA-256", StringComparison.Ordinal));
        Assert.Equal(_tiny.Content[IdxPart.TrainImages], File.ReadAllBytes(TrainImages));   // repaired from the copy
    }

    [Fact]
    public void A_file_changed_moments_ago_is_not_recorded()
    {
        _tiny.WriteTo(Cache);   // just now: a change within the clock's granularity could go unnoticed

        DatasetFiles.Load(_tiny.Files, Cache, [], Context);

        Assert.False(File.Exists(Stamps));
    }

    /// <summary>The cache written with the train images' last byte flipped (the same size); returns those bytes.</summary>
    byte[] CacheWithOneWrongByte()
    {
        _tiny.WriteTo(Cache);
        var wrong = File.ReadAllBytes(TrainImages);
        wrong[^1] ^= 0xFF;
        File.WriteAllBytes(TrainImages, wrong);
        return wrong;
    }

    /// <summary>Waits until the cache's files last changed <see cref="VerificationStamps.Settled"/> ago, as the kernel's clock says.</summary>
    void WaitUntilSettled()
    {
        foreach (var file in _tiny.Files.Files)
        {
            var identity = FileIdentity.Of(Path.Combine(Cache, file.FileName))!;
            while (!VerificationStamps.IsSettled(identity)) Thread.Sleep(50);
        }
    }
}
