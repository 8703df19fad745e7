using System.Text.Json;
using Runner.Recording;
using Runner.Results;
using Runner.Training;

namespace Runner.Tests.Results;

/// <summary>The per-epoch record as files hold it: a column per metric, Keras's names, and result.json of earlier versions still read.</summary>
public sealed class MetricRecordTests
{
    static readonly MetricValues Train = new([new("loss", 0.5), new("accuracy", 0.8), new("f1_score", 0.75)]);
    static EpochMetrics Row(int epoch, bool validation = true) =>
        new(epoch, Train.Concat(validation ? Train.Prefixed("val_") : null), 0.001, 1.5, 2);

    [Fact]
    public void Metrics_csv_gets_a_column_per_metric_named_as_Keras_names_them()
    {
        using var dir = new TempFolder();
        var log = new MetricsLog(dir["metrics.csv"]);
        log.Append(Row(1));
        log.Append(Row(2, validation: false));
        Assert.Equal("epoch,loss,accuracy,f1_score,val_loss,val_accuracy,val_f1_score,learning_rate,train_seconds,seconds",
            File.ReadLines(log.Path).First());
        Assert.Equal("2,0.5,0.8,0.75,,,,0.001,1.5,2", File.ReadLines(log.Path).ElementAt(2));
        Assert.Equal([Row(1), Row(2, validation: false)], log.Read());
    }

    [Fact]
    public void Resuming_keeps_the_header_so_a_resumed_file_equals_an_uninterrupted_one()
    {
        using var dir = new TempFolder();
        var straight = new MetricsLog(dir["a.csv"]);
        var resumed = new MetricsLog(dir["b.csv"]);
        for (int e = 1; e <= 3; e++) { straight.Append(Row(e)); resumed.Append(Row(e)); }
        resumed.TruncateTo(1);
        resumed.Append(Row(2));
        resumed.Append(Row(3));
        Assert.Equal(File.ReadAllText(straight.Path), File.ReadAllText(resumed.Path));
        resumed.TruncateTo(0);
        resumed.Append(Row(1));
        Assert.Equal(File.ReadLines(straight.Path).Take(2), File.ReadLines(resumed.Path));
    }

    [Fact]
    public void Runs_csv_puts_each_metric_between_epochs_and_parameters_with_test_values_last()
    {
        using var dir = new TempFolder();
        var table = new RunsTable(dir["runs.csv"]);
        var record = new RunRecord("seed=1", [new("seed", "1")], RunStatus.Done, 2, Row(2), Train, 100, 0.25, 3, "abcd1234", "seed=1-abcd1234", "");
        table.Upsert(record, [record.Directory]);
        Assert.Equal("run_id,seed,status,epochs,loss,accuracy,f1_score,val_loss,val_accuracy,val_f1_score,test_loss,test_accuracy,test_f1_score," +
            "parameters,memory_mb,seconds,hash,directory,reason,version", File.ReadLines(table.Path).First());
        Assert.Equal("0.75", table.Read().Single()["test_f1_score"]);
    }

    [Fact]
    public void Result_json_round_trips_and_one_written_by_an_earlier_version_is_read()
    {
        var outcome = new RunOutcome(RunStatus.Done, 2, Row(2), Train, 3.5, "", "cpu", 0.25);
        var json = JsonSerializer.Serialize(outcome);
        Assert.Contains("\"Last\":{\"epoch\":2,\"loss\":0.5,\"accuracy\":0.8,\"f1_score\":0.75,\"val_loss\":0.5", json);
        Assert.Equal(outcome, JsonSerializer.Deserialize<RunOutcome>(json));

        const string earlier = """
            {"Status":"done","Epochs":2,"Last":{"Epoch":2,"Loss":0.3,"Accuracy":0.9,"ValLoss":null,"ValAccuracy":null,
             "LearningRate":0.001,"TrainSeconds":1,"Seconds":1.5},"Test":{"Loss":0.35,"Accuracy":0.88,"Seconds":0.1},
             "Seconds":4,"Reason":"","Device":"cpu"}
            """;
        var read = JsonSerializer.Deserialize<RunOutcome>(earlier)!;
        Assert.Equal(new MetricValues([new("loss", 0.3), new("accuracy", 0.9)]), read.Last!.Values);
        Assert.Equal((2, 0.001, 1.0, 1.5), (read.Last.Epoch, read.Last.LearningRate, read.Last.TrainSeconds, read.Last.Seconds));
        Assert.Equal(0.88, read.Value("test_accuracy"));
        Assert.Null(read.Value("val_accuracy"));
    }

    [Fact]
    public void A_diverged_epoch_keeps_its_non_finite_values()
    {
        var m = new EpochMetrics(1, new MetricValues([new("loss", double.NaN), new("accuracy", double.PositiveInfinity)]), 0.1, 1, 1);
        var back = JsonSerializer.Deserialize<EpochMetrics>(JsonSerializer.Serialize(m))!;
        Assert.True(double.IsNaN(back.Get("loss")!.Value));
        Assert.Equal(double.PositiveInfinity, back.Get("accuracy"));
    }

    [Theory]
    [InlineData("val_loss", false)]
    [InlineData("test_loss", false)]
    [InlineData("val_f1_score", true)]
    [InlineData("balanced_accuracy", true)]
    [InlineData("test_top_k_accuracy", true)]
    public void A_recorded_name_has_the_direction_its_metric_declares(string name, bool higherIsBetter) =>
        Assert.Equal(higherIsBetter, RecordedMetrics.HigherIsBetter(name));
}
