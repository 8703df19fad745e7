using Runner.Data;
using Runner.Files;
using Runner.Prediction;
using Runner.Tests.Data;

namespace Runner.Tests.Prediction;

/// <summary>
/// predict's inputs are bounded all together: a 130 KB .idx.gz expanded to 2.66 GB, and files added up
/// with no total limit. A CSV record is bounded as it streams past: a 100 MB single-line CSV took 4 GB.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class InputBoundsTests
{
    static readonly SampleLayout Mnist = new(28, 28, 1, 255.0, 784);
    static readonly CsvLayout Csv = new("label", true);

    [Fact]
    public void A_small_gzip_that_expands_past_the_budget_is_refused_before_it_is_read_whole()
    {
        using var folder = new TempFolder();
        // 30,000 images of zeros: well under a megabyte of gzip for 23.5 million values.
        var path = folder["many-idx3-ubyte.gz"];
        IdxBytes.Write(path, IdxBytes.Build(0x00000803, [30_000, 28, 28], new byte[30_000 * 784]), gzip: true);
        Assert.True(new FileInfo(path).Length < 1_000_000);

        var e = Assert.Throws<UsageException>(() => InputBatch.Read([path], Mnist, Csv, InvertMode.No));

        Assert.StartsWith($"{path}: more than 15.3 MB once decompressed, the limit of 16,000,000 values for the inputs of one predict call (about 20,408 samples", e.Message);
    }

    [Fact]
    public void Inputs_that_each_fit_are_refused_when_together_they_pass_the_budget()
    {
        using var folder = new TempFolder();
        var files = Enumerable.Range(0, 3).Select(i => folder[$"part{i}-idx3-ubyte"]).ToArray();
        foreach (var file in files) IdxBytes.Write(file, IdxBytes.Build(0x00000803, [7_000, 28, 28], new byte[7_000 * 784]));

        using (var two = InputBatch.Read(files[..2], Mnist, Csv, InvertMode.No)) Assert.Equal(14_000, two.Names.Count);
        var e = Assert.Throws<UsageException>(() => InputBatch.Read(files, Mnist, Csv, InvertMode.No));

        Assert.StartsWith($"{files[2]}: more than", e.Message);
        Assert.Contains("the limit of 16,000,000 values for the inputs of one predict call", e.Message);
    }

    [Fact]
    public void Csv_rows_count_against_the_same_budget()
    {
        using var folder = new TempFolder();
        var idx = folder["big-idx3-ubyte"];
        IdxBytes.Write(idx, IdxBytes.Build(0x00000803, [20_000, 28, 28], new byte[20_000 * 784]));
        var csv = folder["rows.csv"];
        var zeros = string.Join(",", Enumerable.Repeat("0", 784));
        File.WriteAllLines(csv, ["label," + string.Join(",", Enumerable.Range(0, 784).Select(i => $"p{i}")), .. Enumerable.Repeat("1," + zeros, 500)]);

        var e = Assert.Throws<UsageException>(() => InputBatch.Read([idx, csv], Mnist, Csv, InvertMode.No));

        Assert.StartsWith($"{csv}:", e.Message);
        Assert.Contains("the limit for the inputs of one predict call", e.Message);
    }

    [Fact]
    public void A_csv_row_longer_than_the_limit_is_refused_as_it_streams_in_validate_and_in_predict()
    {
        using var folder = new TempFolder();
        var path = folder["one-line.csv"];
        using (var writer = new StreamWriter(path))
        {
            writer.Write("label");
            for (int i = 0; i < Limits.MaxCsvRecordChars / 8 + 10; i++) writer.Write(",p1234567");
            writer.Write("\n1,2\n");
        }

        var peek = Assert.Throws<DataFileException>(() => CsvSamples.Peek(path, "label", hasHeader: true));
        var read = Assert.Throws<DataFileException>(() => CsvSamples.Read(path, "label", hasHeader: true));
        var predict = Assert.Throws<UsageException>(() => InputBatch.Read([path], Mnist, Csv, InvertMode.No));

        const string expected = "1: a row longer than 4 M characters, the limit for one row of a CSV file";
        Assert.StartsWith($"{path}:{expected}", peek.Message);
        Assert.StartsWith($"{path}:{expected}", read.Message);
        Assert.StartsWith($"{path}:{expected}", predict.Message);
    }

    [Fact]
    public void A_quoted_field_over_many_lines_is_one_record_and_counts_whole()
    {
        var lines = string.Concat(Enumerable.Repeat(new string('x', 1000) + "\n", 200));
        using var reader = new BoundedRecordReader(new StringReader($"a,b\n1,\"{lines}\"\n2,3\n"), limit: 100_000);
        var e = Assert.Throws<RecordTooLongException>(() => reader.ReadToEnd());
        Assert.Equal(2, e.Line);

        using var fine = new BoundedRecordReader(new StringReader($"a,b\n{lines}2,3\n"), limit: 2_000);
        Assert.EndsWith("2,3\n", fine.ReadToEnd());
    }
}
