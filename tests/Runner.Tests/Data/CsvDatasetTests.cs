using System.Globalization;
using Runner.Data;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class CsvDatasetTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly CsvDataset _csv = new();
    readonly List<string> _log = [];

    public void Dispose() => _temp.Dispose();

    RawDataset Load(params (string Name, object Value)[] given) =>
        _csv.Load(Arguments.For(_csv.Parameters, given), new DataContext(_temp.Path, _log.Add));

    /// <summary>Kaggle layout: label, pixel0..pixel3 (a 2x2 image); row r has label r % 3 and pixels 10r..10r+3.</summary>
    string WriteKaggle(string name, int rows, int firstRow = 0)
    {
        var lines = new List<string> { "label,pixel0,pixel1,pixel2,pixel3" };
        for (int r = firstRow; r < firstRow + rows; r++)
            lines.Add(string.Join(",", new[] { r % 3, 10 * r, 10 * r + 1, 10 * r + 2, 10 * r + 3 }.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        File.WriteAllLines(_temp[name], lines);
        return name;
    }

    [Fact]
    public void A_kaggle_style_train_and_test_file_round_trip_to_scaled_tensors()
    {
        WriteKaggle("train.csv", 6);
        WriteKaggle("test.csv", 2, firstRow: 20);

        using var raw = Load(("path", "train.csv"), ("test_path", "test.csv"));

        Assert.Equal(new long[] { 6, 2, 2 }, raw.TrainImages.shape);
        Assert.Equal(new long[] { 2, 2, 2 }, raw.TestImages.shape);
        Assert.Equal(new Shape(2, 2), raw.SampleShape);
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2 }, raw.TrainLabels.data<long>().ToArray());
        Assert.Equal(new long[] { 2, 0 }, raw.TestLabels.data<long>().ToArray());
        Assert.Equal(new[] { 50f, 51f, 52f, 53f }.Select(v => v / 255f), raw.TrainImages[5].reshape(-1).data<float>().ToArray());
        Assert.Equal(200f / 255f, raw.TestImages[0, 0, 0].item<float>(), 6);
        Assert.Equal(["0", "1", "2"], raw.ClassNames);
        Assert.Equal($"csv: 6 train / 2 test samples of 4 values, 3 classes, from {_temp["train.csv"]}", Assert.Single(_log));
    }

    [Fact]
    public void Without_a_test_file_a_seeded_part_of_the_rows_is_the_test_set()
    {
        WriteKaggle("all.csv", 10);

        using var raw = Load(("path", "all.csv"), ("pixel_scale", 1.0), ("image_shape", new IntPair(1, 4)));
        using var again = Load(("path", "all.csv"), ("pixel_scale", 1.0), ("image_shape", new IntPair(1, 4)));

        Assert.Equal(new long[] { 8, 1, 4 }, raw.TrainImages.shape);
        Assert.Equal(new long[] { 2, 1, 4 }, raw.TestImages.shape);
        var rows = raw.TrainImages[.., 0, 0].data<float>().Concat(raw.TestImages[.., 0, 0].data<float>()).Select(v => (int)v / 10);
        Assert.Equal(Enumerable.Range(0, 10), rows.Order());
        Assert.True(raw.TestImages.allclose(again.TestImages, 0, 0));
        Assert.Equal(raw.TestImages[.., 0, 0].data<float>().Select(v => (long)v / 10 % 3), raw.TestLabels.data<long>().ToArray());
    }

    [Fact]
    public void Without_a_header_the_label_column_is_a_number_and_a_non_square_row_stays_flat()
    {
        Directory.CreateDirectory(_temp["data"]);
        File.WriteAllLines(_temp["data/flat.csv"], ["1,2,3,7", "4,5,6,8", "7,8,9,9", "1,1,1,7", "2,2,2,8"]);

        using var raw = Load(("path", "data/flat.csv"), ("has_header", false), ("label_column", "3"), ("pixel_scale", 1.0), ("test_split", 0.4));

        Assert.Equal(new Shape(3), raw.SampleShape);
        Assert.Equal(3, raw.TrainImages.shape[0]);
        Assert.Equal(10, raw.Classes);   // labels 7..9 -> classes 0..9
    }

    [Fact]
    public void A_cell_that_is_not_a_number_is_reported_with_file_line_and_column()
    {
        WriteKaggle("bad.csv", 5);
        var lines = File.ReadAllLines(_temp["bad.csv"]);
        lines[3] = "2,30,abc,32,33";
        File.WriteAllLines(_temp["bad.csv"], lines);

        var e = Assert.Throws<DataFileException>(() => Load(("path", "bad.csv")));

        // The line and column, never the cell: the file may hold secrets (a path to /etc/shadow).
        Assert.Equal($"{_temp["bad.csv"]}:4:6: column 3 is not a number", e.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_reported_with_its_line()
    {
        WriteKaggle("short.csv", 5);
        File.AppendAllLines(_temp["short.csv"], ["1,2,3"]);

        var e = Assert.Throws<DataFileException>(() => Load(("path", "short.csv")));

        Assert.Equal($"{_temp["short.csv"]}:7: 3 columns, expected 5 (as in the header)", e.Message);
    }

    [Theory]
    [InlineData("-1", "the label (column 1) is not a whole number >= 0")]
    [InlineData("2.5", "the label (column 1) is not a whole number >= 0")]
    [InlineData("", "the label (column 1) is not a whole number >= 0")]
    [InlineData("9999999999", "the label (column 1) is above 9999, the limit of 10,000 classes; labels are class numbers 0, 1, 2, ...")]
    public void A_bad_label_is_reported_with_its_line(string label, string expected)
    {
        File.WriteAllLines(_temp["labels.csv"], ["label,a,b", "0,1,2", $"{label},1,2"]);

        var e = Assert.Throws<DataFileException>(() => Load(("path", "labels.csv")));

        Assert.Equal($"{_temp["labels.csv"]}:3:1: {expected}", e.Message);
    }

    [Fact]
    public void Validation_finds_a_label_above_the_class_limit_and_a_short_row_at_their_cells_without_loading()
    {
        File.WriteAllLines(_temp["big.csv"], ["a,label,b", "1,0,2", "1,2,3", "1,\"10000\",2", "1,3,2"]);
        WriteKaggle("short.csv", 5);
        File.AppendAllLines(_temp["short.csv"], ["1,2,3"]);

        DataProblem Check(params (string Name, object Value)[] given) =>
            Assert.Single(_csv.Check(Arguments.For(_csv.Parameters, given), new DataCheck(_temp.Path, 0, null)));

        var label = Check(("path", "big.csv"));
        Assert.Equal("path", label.Parameter);
        Assert.Equal($"{_temp["big.csv"]}:4:3: the label (column 2) is above 9999, the limit of 10,000 classes; labels are class numbers 0, 1, 2, ...", label.Message);
        Assert.Equal($"{_temp["short.csv"]}:7: 3 columns, expected 5 (as in the header)", Check(("path", "short.csv")).Message);
        Assert.Empty(_log);   // nothing was loaded
    }

    [Fact]
    public void File_level_mistakes_are_named()
    {
        WriteKaggle("train.csv", 4);
        File.WriteAllLines(_temp["test.csv"], ["label,pixel0,pixel1", "1,2,3"]);
        File.WriteAllLines(_temp["nolabel.csv"], ["digit,a,b", "1,2,3"]);

        Assert.Equal($"{_temp["missing.csv"]}: no such file; check the path (a relative path starts at the experiment file's folder)",
            Assert.Throws<DataFileException>(() => Load(("path", "missing.csv"))).Message);
        Assert.Equal($"{_temp["test.csv"]}: 3 columns, but the training file has 5",
            Assert.Throws<DataFileException>(() => Load(("path", "train.csv"), ("test_path", "test.csv"))).Message);
        Assert.Equal($"{_temp["nolabel.csv"]}:1: no column named 'label' among the header's 3 columns; set label_column to a column's name or 0-based number",
            Assert.Throws<DataFileException>(() => Load(("path", "nolabel.csv"))).Message);
        Assert.Contains("is a name, but the file has no header",
            Assert.Throws<DataFileException>(() => Load(("path", "nolabel.csv"), ("has_header", false))).Message);
        Assert.Equal($"{_temp["train.csv"]}: image_shape [2, 3] needs 6 pixel columns, the file has 4",
            Assert.Throws<DataFileException>(() => Load(("path", "train.csv"), ("image_shape", new IntPair(2, 3)))).Message);
    }
}

public sealed class CsvSecretsTests
{
    [Fact]
    public void A_path_to_a_file_that_is_not_csv_never_shows_its_content()
    {
        using var temp = new TempFolder();
        const string secret = "root:$y$j9T$secret-hash:19000:0:99999:7:::";
        File.WriteAllLines(temp["shadow"], [secret, "daemon:*:19000:0:99999:7:::"]);
        var csv = global::Runner.Data.DatasetRegistry.Create().Get("csv");
        foreach (var given in new (string, object)[][] { [("path", "shadow")], [("path", "shadow"), ("label_column", "0")], [("path", "shadow"), ("has_header", false), ("label_column", "0")] })
        {
            var args = Arguments.For(csv.Parameters, given);
            var problems = csv.Check(args, new global::Runner.Data.DataCheck(temp.Path, 0, null)).Select(p => p.Message).ToList();
            var loadError = Record.Exception(() => { csv.Load(args, new global::Runner.Data.DataContext(temp.Path, _ => { })).Dispose(); });
            foreach (var message in problems.Append(loadError?.Message ?? ""))
            {
                Assert.DoesNotContain("root", message);
                Assert.DoesNotContain("secret", message);
                Assert.DoesNotContain("daemon", message);
            }
            Assert.NotNull(loadError);
        }
    }
}
