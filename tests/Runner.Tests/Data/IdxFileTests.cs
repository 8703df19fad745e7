using Runner.Data;
using static TorchSharp.torch;

namespace Runner.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class IdxFileTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_come_back_as_float32_scaled_to_unit_range_raw_or_gzipped(bool gzip)
    {
        var path = _temp["images"];
        IdxBytes.Write(path, IdxBytes.Images(3, 2, 4), gzip);

        using var images = IdxFile.Images(IdxFile.ReadContent(path), path);

        Assert.Equal(new long[] { 3, 2, 4 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        // pixel i is (i * 7) % 256: the 3rd image's last pixel is i = 23 -> 161.
        Assert.Equal(7 / 255f, images[0, 0, 1].item<float>(), 6);
        Assert.Equal(161 / 255f, images[2, 1, 3].item<float>(), 6);
    }

    [Fact]
    public void Labels_come_back_as_int64()
    {
        using var labels = IdxFile.Labels(IdxBytes.Labels(5, 0, 4, 255), "labels");

        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(new long[] { 5, 0, 4, 255 }, labels.data<long>().ToArray());
    }

    [Fact]
    public void A_labels_file_read_as_images_names_the_file_and_both_magic_numbers()
    {
        var e = Assert.Throws<DataFileException>(() => IdxFile.Images(IdxBytes.Labels(1, 2, 3), "data/train-images"));

        Assert.StartsWith("data/train-images: magic number 0x00000801, expected 0x00000803", e.Message);
        Assert.Contains("this is an idx labels file", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_idx_is_called_so()
    {
        var e = Assert.Throws<DataFileException>(() => IdxFile.Labels("<html>oops</html>"u8.ToArray(), "page.html"));

        Assert.Contains("page.html: magic number 0x3C68746D", e.Message);
        Assert.Contains("not an idx file", e.Message);
    }

    [Fact]
    public void A_truncated_file_says_how_many_bytes_it_has_and_needs()
    {
        var full = IdxBytes.Images(3, 2, 4);   // 16 header + 24 pixel bytes
        var e = Assert.Throws<DataFileException>(() => IdxFile.Images(full[..30], "cut"));

        Assert.Equal("cut: truncated: 30 bytes, but the header (3 x 2 x 4) needs 40", e.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_or_with_extra_bytes_is_rejected()
    {
        var full = IdxBytes.Images(3, 2, 4);

        Assert.Contains("truncated in the header", Assert.Throws<DataFileException>(() => IdxFile.Images(full[..10], "f")).Message);
        Assert.Contains("too short", Assert.Throws<DataFileException>(() => IdxFile.Images(full[..3], "f")).Message);
        Assert.Contains("2 unexpected bytes after", Assert.Throws<DataFileException>(() => IdxFile.Images([.. full, 1, 2], "f")).Message);
    }

    [Fact]
    public void A_zero_or_negative_dimension_is_rejected()
    {
        var e = Assert.Throws<DataFileException>(() => IdxFile.Images(IdxBytes.Build(0x803, [0, 28, 28], []), "f"));

        Assert.Contains("dimension 0 is 0", e.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_caught_by_the_size_check()
    {
        // GZipStream ends quietly at the end of a cut stream; the idx header then promises more.
        var path = _temp["images.gz"];
        IdxBytes.Write(path, IdxBytes.Images(50, 28, 28), gzip: true);
        var zipped = File.ReadAllBytes(path);
        File.WriteAllBytes(path, zipped[..(zipped.Length / 2)]);

        var e = Assert.Throws<DataFileException>(() => IdxFile.Images(IdxFile.ReadContent(path), path));

        Assert.StartsWith($"{path}: truncated: ", e.Message);
        Assert.EndsWith("but the header (50 x 28 x 28) needs 39216", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_data_names_the_file()
    {
        var path = _temp["images.gz"];
        IdxBytes.Write(path, IdxBytes.Images(50, 28, 28), gzip: true);
        var zipped = File.ReadAllBytes(path);
        for (int i = 10; i < zipped.Length - 8; i++) zipped[i] = 0xFF;   // keep the signature, ruin the deflate data
        File.WriteAllBytes(path, zipped);

        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadContent(path));

        Assert.StartsWith($"{path}: the gzip data is truncated or corrupt", e.Message);
    }

    [Fact]
    public void A_gzip_that_expands_past_the_limit_is_refused_after_reading_no_more_than_the_limit()
    {
        var path = _temp["bomb.gz"];
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(new byte[3 << 20]);   // 3 MB of zeros: a few kilobytes on disk
        Assert.True(new FileInfo(path).Length < 64 * 1024);

        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadContent(path, limit: 1 << 20));

        Assert.Equal($"{path}: more than 1 MB once decompressed, the limit for a data file; use a smaller file", e.Message);
        Assert.Equal(3 << 20, IdxFile.ReadContent(path, limit: 4 << 20).Length);
    }

    [Fact]
    public void A_fifo_or_device_is_refused_instead_of_read()
    {
        System.Diagnostics.Process.Start("mkfifo", [_temp["fifo"]])!.WaitForExit();

        Assert.Contains("not a regular file", Assert.Throws<DataFileException>(() => IdxFile.ReadContent(_temp["fifo"])).Message);
        Assert.Contains("not a regular file", Assert.Throws<DataFileException>(() => IdxFile.ReadContent("/dev/zero")).Message);
    }
}
