using Runner.Results;
using Runner.Recording;
using Runner.Reporting;
using Runner.Training;

namespace Runner.Tests.Devices;

/// <summary>`device: auto` on this CPU-only machine, and a checkpoint that moves between device settings.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class DeviceTrainingTests
{
    static string Experiment(string device) => $$"""
        name: device
        data: {dataset: mnist, validation_split: 0.1, train_limit: 2000, test_limit: 500}
        {{ModelYaml.Mlp(32, dropout: 0.3)}}
        train: {optimizer: adam, epochs: 3, batch_size: 64, seed: 4, threads: 1, device: {{device}}}
        """;

    static IEnumerable<object?> Comparable(EpochMetrics m) => [m.Epoch, m.Values];

    [Fact]
    public void Auto_trains_on_the_cpu_here_and_records_it_in_result_json_and_the_report()
    {
        using var sweep = new SweepHarness();
        var experiment = sweep.Load(Experiment("auto"));
        var outcome = Assert.Single(sweep.Run(experiment).Runs).Outcome;
        Assert.Equal(RunStatus.Done, outcome.Status);
        Assert.Equal("cpu", outcome.Device);

        var folder = sweep.Folder(experiment);
        var runFolder = folder.Run(experiment.Runs[0]);
        Assert.Contains("\"Device\": \"cpu\"", File.ReadAllText(runFolder.ResultJson));
        Assert.Equal("cpu", runFolder.ReadResult()!.Device);
        Assert.Contains("device: auto", File.ReadAllText(runFolder.ConfigYaml));

        ReportWriter.Write(folder.Path, _ => { });
        Assert.Contains("**device:** cpu", File.ReadAllText(Path.Combine(folder.Path, "report", "report.md")));
    }

    [Fact]
    public void A_checkpoint_saved_with_device_cpu_resumes_with_device_auto_to_the_same_numbers()
    {
        using var straight = new SweepHarness();
        var reference = straight.Load(Experiment("cpu"));
        straight.Run(reference);

        using var moved = new SweepHarness();
        var before = moved.Load(Experiment("cpu"));
        using (var stop = new CancellationTokenSource())
            Assert.Throws<OperationCanceledException>(() => moved.Run(before, extra: new CancelAfterEpoch(2, stop), cancel: stop.Token));
        Assert.Equal(2, moved.Metrics(before).Count);

        var after = moved.Load(Experiment("auto"));
        Assert.Equal(before.Runs[0].DirectoryName, after.Runs[0].DirectoryName);
        var resumed = Assert.Single(moved.Run(after).Runs).Outcome;
        Assert.Contains("(resuming at epoch 3)", moved.Log.ToString());
        Assert.Equal((RunStatus.Done, "cpu"), (resumed.Status, resumed.Device));
        Assert.Equal(straight.Metrics(reference).Select(Comparable), moved.Metrics(after).Select(Comparable));
    }
}
