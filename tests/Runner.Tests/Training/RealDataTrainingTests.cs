using Runner.Results;
using Runner.Recording;

namespace Runner.Tests.Training;

/// <summary>Real TorchSharp training on slices of the real MNIST and Fashion-MNIST.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RealDataTrainingTests
{
    static readonly string MnistMlp = $$"""
        name: mnist_slice
        data: {dataset: mnist, train_limit: 6000, test_limit: 2000}
        {{ModelYaml.Mlp(64)}}
        train: {optimizer: adam, epochs: 2, batch_size: 32, seed: 1, threads: 1}
        """;

    [Fact]
    public void An_mlp_learns_mnist_far_above_chance_and_records_every_epoch()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(MnistMlp);
        var result = h.Run(experiment);

        var outcome = result.Runs.Single().Outcome;
        Assert.Equal(RunStatus.Done, outcome.Status);
        Assert.True(outcome.Test!.Get("accuracy") > 0.85, $"test accuracy {outcome.Test.Get("accuracy")}");
        var metrics = h.Metrics(experiment);
        Assert.Equal([1, 2], metrics.Select(m => m.Epoch));
        Assert.True(metrics[1].Get("loss") < metrics[0].Get("loss"), "loss goes down");
        Assert.All(metrics, m => Assert.Null(m.Get("val_accuracy")));

        var row = h.Folder(experiment).Runs.Read().Single();
        Assert.Equal("done", row["status"]);
        Assert.Equal("50890", row["parameters"]);
        var run = h.Folder(experiment).Run(experiment.Runs[0]);
        Assert.Equal(2001, File.ReadAllLines(run.PredictionsCsv).Length);
        Assert.Contains("Total params: 50,890", File.ReadAllText(run.SummaryTxt));
        Assert.True(File.Exists(run.FinalModel));
        var saved = run.ReadResult()!.Test!;
        Assert.Equal(outcome.Test.Get("accuracy"), saved.Get("accuracy"));
        Assert.InRange(run.ReadResult()!.TestSeconds!.Value, 1e-4, outcome.Seconds);   // the test pass is timed, for bench/
    }

    [Fact]
    public void Fashion_with_a_validation_split_reports_validation_metrics()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$"""
            name: fashion_slice
            data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42, train_limit: 5000, test_limit: 2000}
            {{ModelYaml.Softmax}}
            train: {optimizer: rmsprop, epochs: 2, batch_size: 32, seed: 3, threads: 1}
            """);
        var outcome = h.Run(experiment).Runs.Single().Outcome;

        Assert.True(outcome.Last!.Get("val_accuracy") > 0.7, $"val accuracy {outcome.Last.Get("val_accuracy")}");
        Assert.True(outcome.Test!.Get("accuracy") > 0.7, $"test accuracy {outcome.Test.Get("accuracy")}");
    }

    [Fact]
    public void The_same_config_and_seed_give_the_same_numbers()
    {
        using var first = new SweepHarness();
        using var second = new SweepHarness();
        var a = first.Run(first.Load(MnistMlp)).Runs.Single().Outcome;
        var b = second.Run(second.Load(MnistMlp)).Runs.Single().Outcome;

        Assert.Equal(a.Last!.Get("loss"), b.Last!.Get("loss"));
        Assert.Equal(a.Test!.Get("accuracy"), b.Test!.Get("accuracy"));
    }
}
