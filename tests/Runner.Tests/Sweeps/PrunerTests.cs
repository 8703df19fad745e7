using Runner.Results;
using Runner.Tests.Results;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Training;

namespace Runner.Tests.Sweeps;

public sealed class PrunerTests
{
    const string Yaml = """
        name: rungs
        data: {dataset: {name: synthetic, train_samples: 100, test_samples: 50, image_size: [8, 8]}, validation_split: 0.2}
        model:
          input: [8, 8]
          layers: [flatten, {dense: {units: 10, activation: softmax}}]
        train: {optimizer: sgd, epochs: 3, seed: ${seed}}
        pruning: {method: median, monitor: val_accuracy, at_epochs: [1], min_runs: 2}
        sweep:
          seed: [1, 2, 3]
        """;

    static EpochMetrics At(int epoch, double valAccuracy) => Epochs.Row(epoch, 1, 0.5, 1, valAccuracy, 0.01, 1, 1);

    [Fact]
    public void Reads_the_other_runs_metrics_at_each_decision_so_runs_written_by_other_processes_count()
    {
        using var harness = new SweepHarness();
        var experiment = harness.Load(Yaml);
        var folder = harness.Folder(experiment);
        var plan = experiment.Runs;
        var pruner = new Pruner(plan[0].Experiment.Pruning!, folder, plan);

        // Nobody else has reached epoch 1 yet: nothing to judge against.
        Assert.Null(pruner.Check(plan[0], At(1, 0.2)));

        // Two other runs (as another process or node would) write their epoch 1 after the pruner started.
        foreach (var (run, value) in new[] { (plan[1], 0.8), (plan[2], 0.9) })
        {
            Directory.CreateDirectory(folder.Run(run).Path);
            new MetricsLog(folder.Run(run).MetricsCsv).Append(At(1, value));
        }
        var reason = pruner.Check(plan[0], At(1, 0.2));
        Assert.NotNull(reason);
        Assert.Contains("worse than the median 0.8500 of 2 other runs", reason);
        Assert.Null(pruner.Check(plan[0], At(1, 0.95)));
    }
}
