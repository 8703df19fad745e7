using Runner.Serve;

namespace Runner.Tests.Serve;

/// <summary>
/// The dashboard's curve store on real files: metrics.csv read into float32 columns (a line being
/// written left out, a damaged cell as NaN), read again only when the file's size or time changes, and
/// full curves pushed out of the cache past its byte bound.
/// </summary>
public sealed class CurveStoreTests
{
    static string Metrics(TempFolder dir, string name, int epochs)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, "epoch,loss,val_accuracy\n" + string.Concat(Enumerable.Range(1, epochs).Select(e => $"{e},{1.0 / e:R},{e / (double)epochs:R}\n")));
        return path;
    }

    [Fact]
    public void A_metrics_file_reads_as_columns_without_the_line_being_written_and_with_a_damaged_cell_as_NaN()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "metrics.csv");
        File.WriteAllText(path, "epoch,loss,val_accuracy\n1,2.5,0.25\n2,oops,0.5\n3,1.5,0.75\n4,1.2,0.8");   // epoch 4 is half-written
        var curves = RunCurves.Read(path);
        Assert.Equal(["loss", "val_accuracy"], curves.Columns);
        Assert.Equal([1, 2, 3], curves.Epochs);
        Assert.Equal([0.25f, 0.5f, 0.75f], curves.Column("val_accuracy")!);
        Assert.True(float.IsNaN(curves.Column("loss")![1]));
        Assert.Null(curves.Column("accuracy"));
        Assert.Equal(0.75, curves.Last("val_accuracy")!.Value, 6);
        Assert.Empty(RunCurves.Read(Path.Combine(dir.Path, "missing.csv")).Epochs);
    }

    [Fact]
    public void A_wide_header_over_many_short_lines_reads_as_a_bounded_number_of_values()
    {
        // Each short row became a value per header column: 2,000 columns over 10,000 lines of "1" made 20
        // million floats from 48 KB (64 MB of file, the read limit, asked for terabytes).
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "metrics.csv");
        File.WriteAllText(path, "epoch," + string.Join(',', Enumerable.Range(1, 1999).Select(i => $"c{i}")) + "\n" + string.Concat(Enumerable.Repeat("1\n", 10_000)));
        Assert.InRange(new FileInfo(path).Length, 1, 64 * 1024);

        var curves = RunCurves.Read(path);

        Assert.Equal(1999, curves.Columns.Count);
        Assert.InRange((long)curves.Epochs.Length * curves.Columns.Count, 1, 16L * 1024 * 1024);   // RunCurves.MaxValues
        Assert.All(curves.Values, v => Assert.Equal(curves.Epochs.Length, v.Length));

        File.WriteAllText(path, "epoch," + string.Join(',', Enumerable.Range(1, 10_000).Select(i => $"c{i}")) + "\n1\n");
        Assert.Empty(RunCurves.Read(path).Epochs);
    }

    [Fact]
    public void A_summary_keeps_at_most_its_points_with_the_first_and_last_epoch()
    {
        using var dir = new TempFolder();
        var summary = RunCurves.Read(Metrics(dir, "m.csv", 100)).Downsampled(CurveStore.SummaryPoints);
        Assert.Equal(CurveStore.SummaryPoints, summary.Epochs.Length);
        Assert.Equal(1, summary.Epochs[0]);
        Assert.Equal(100, summary.Epochs[^1]);
        Assert.Equal(1f, summary.Column("val_accuracy")![^1]);
        Assert.True(summary.Epochs.Zip(summary.Epochs.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void An_unchanged_file_is_not_read_again_and_a_changed_one_is()
    {
        using var dir = new TempFolder();
        var path = Metrics(dir, "m.csv", 5);
        var store = new CurveStore();
        Assert.Equal(5, store.Summary(path).Epochs[^1]);
        Assert.Equal(5, store.Summary(path).Epochs[^1]);
        Assert.Equal(1, store.Reads);
        Assert.Equal(5, store.Full(path).Epochs.Length);   // a summary keeps no full curves: the first ask reads them
        Assert.Equal(5, store.Full(path).Epochs.Length);
        Assert.Equal(2, store.Reads);

        File.AppendAllText(path, "6,0.1,0.9\n");   // a new epoch: the size changes
        Assert.Equal(6, store.Full(path).Epochs.Length);
        Assert.Equal(6, store.Summary(path).Epochs[^1]);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public void Full_curves_past_the_bound_are_pushed_out_least_recently_used_first_and_read_again_when_asked()
    {
        using var dir = new TempFolder();
        var paths = Enumerable.Range(0, 3).Select(i => Metrics(dir, $"m{i}.csv", 100)).ToArray();
        var one = RunCurves.Read(paths[0]).Bytes;
        var store = new CurveStore(fullCurveBytes: 2 * one + one / 2);   // room for two runs
        foreach (var path in paths) store.Full(path);
        Assert.Equal(3, store.Reads);
        Assert.True(store.FullBytes <= 2 * one + one / 2, $"{store.FullBytes} bytes held");

        store.Full(paths[2]);          // still cached
        Assert.Equal(3, store.Reads);
        store.Full(paths[0]);          // pushed out by the third: read again
        Assert.Equal(4, store.Reads);
        store.Summary(paths[1]);       // summaries stay in memory whatever the cache holds
        Assert.Equal(4, store.Reads);
    }
}
