using Runner.Results;
using Runner.Tests.Results;
using System.Globalization;
using Runner.Recording;
using Runner.Training;

namespace Runner.Tests.Recording;

public sealed class MetricsLogTests
{
    static EpochMetrics Row(int epoch, double? val = 0.5) =>
        Epochs.Row(epoch, 1.0 / epoch, 0.1 * epoch, val, val, 0.001, 1.25, 1.5);

    [Fact]
    public void Rows_round_trip_with_empty_cells_for_missing_validation()
    {
        using var dir = new TempFolder();
        var log = new MetricsLog(dir["metrics.csv"]);
        log.Append(Row(1));
        log.Append(Row(2, val: null));

        var rows = log.Read();
        Assert.Equal([Row(1), Row(2, val: null)], rows);
        var lines = File.ReadAllLines(log.Path);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,train_seconds,seconds", lines[0]);
        Assert.Equal("2,0.5,0.2,,,0.001,1.25,1.5", lines[2]);
    }

    [Fact]
    public void A_torn_last_line_is_not_a_row()
    {
        using var dir = new TempFolder();
        var log = new MetricsLog(dir["metrics.csv"]);
        log.Append(Row(1));
        log.Append(Row(2));
        var text = File.ReadAllText(log.Path);
        File.WriteAllText(log.Path, text[..^7]); // a crash in the middle of the second row

        Assert.Equal([Row(1)], log.Read());
    }

    [Fact]
    public void Truncating_keeps_the_checkpointed_epochs_only()
    {
        using var dir = new TempFolder();
        var log = new MetricsLog(dir["metrics.csv"]);
        for (int e = 1; e <= 4; e++) log.Append(Row(e));

        log.TruncateTo(2);
        log.Append(Row(3));

        Assert.Equal([1, 2, 3], log.Read().Select(r => r.Epoch));
    }

    [Fact]
    public void Numbers_are_written_the_same_under_a_comma_decimal_culture()
    {
        using var dir = new TempFolder();
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var log = new MetricsLog(dir["metrics.csv"]);
            log.Append(Row(4));
            Assert.Equal("4,0.25,0.4,0.5,0.5,0.001,1.25,1.5", File.ReadAllLines(log.Path)[1]);
            Assert.Equal(Row(4), log.Read().Single());
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }
}
