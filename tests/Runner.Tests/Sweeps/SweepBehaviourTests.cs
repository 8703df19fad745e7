using Runner.Results;
using Runner.Recording;
using Runner.Training;

namespace Runner.Tests.Sweeps;

/// <summary>Resume, failures, early stopping, pruning and parallel runs, each on real (small) training.</summary>
[Collection(TorchCollection.Name)]
public sealed class SweepBehaviourTests
{
    // Dropout and shuffling both draw random numbers every epoch, so an exact resume must restore them.
    static readonly string WithDropout = $$"""
        name: resume
        data: {dataset: mnist, validation_split: 0.1, train_limit: 3000, test_limit: 1000}
        {{ModelYaml.Mlp(32, dropout: 0.3)}}
        train: {optimizer: adam, epochs: 3, batch_size: 64, seed: ${seed}, threads: 1}
        sweep:
          seed: [1, 2]
        """;

    static IEnumerable<object?> Comparable(EpochMetrics m) => [m.Epoch, m.Values, m.LearningRate];

    [Fact]
    [Trait("Category", "Slow")]
    public void An_interrupted_sweep_resumes_to_the_same_numbers_as_an_uninterrupted_one()
    {
        using var straight = new SweepHarness();
        var reference = straight.Load(WithDropout);
        straight.Run(reference);

        using var interrupted = new SweepHarness();
        var experiment = interrupted.Load(WithDropout);
        using (var stop = new CancellationTokenSource())
            Assert.Throws<OperationCanceledException>(() => interrupted.Run(experiment, extra: new CancelAfterEpoch(2, stop), cancel: stop.Token));
        Assert.Equal(2, interrupted.Metrics(experiment, 0).Count);
        Assert.Null(interrupted.Folder(experiment).Run(experiment.Runs[0]).ReadResult());

        var resumed = interrupted.Run(experiment);
        Assert.Equal(2, resumed.Runs.Count);
        Assert.Contains("(resuming at epoch 3)", interrupted.Log.ToString());
        for (int run = 0; run < 2; run++)
            Assert.Equal(straight.Metrics(reference, run).Select(Comparable), interrupted.Metrics(experiment, run).Select(Comparable));
        Assert.Equal(
            straight.Folder(reference).Runs.Read().Select(r => (r["run_id"], r["status"], r["test_accuracy"], r["val_loss"])),
            interrupted.Folder(experiment).Runs.Read().Select(r => (r["run_id"], r["status"], r["test_accuracy"], r["val_loss"])));

        var again = interrupted.Run(experiment);
        Assert.Empty(again.Runs);
        Assert.Equal(2, again.Skipped);
    }

    [Fact]
    public void A_diverging_run_is_recorded_and_the_sweep_goes_on()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$$"""
            name: diverge
            data: {dataset: synthetic, train_samples: 400, test_samples: 100}
            {{{ModelYaml.Mlp(16)}}}
            train: {optimizer: {name: sgd, learning_rate: ${lr}}, loss: {name: mse}, epochs: 2, seed: 1, threads: 1}
            data_one_hot_placeholder: null
            sweep:
              lr: [1.0e+30, 0.01]
            """.Replace("data_one_hot_placeholder: null\n", "").Replace("{dataset: synthetic,", "{dataset: synthetic, one_hot: true,"));
        var result = h.Run(experiment);

        Assert.Equal([RunStatus.Diverged, RunStatus.Done], result.Runs.Select(r => r.Outcome.Status));
        Assert.Contains("loss became", result.Runs[0].Outcome.Reason);
        Assert.Single(result.Failures);
        var rows = h.Folder(experiment).Runs.Read();
        Assert.Equal(["diverged", "done"], rows.Select(r => r["status"]));
        Assert.StartsWith("epoch 1", rows[0]["reason"]);
    }

    [Fact]
    public void Early_stopping_ends_a_run_when_the_monitored_metric_stops_improving()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$"""
            name: early
            data: {dataset: synthetic, train_samples: 600, test_samples: 100, noise: 0.5, validation_split: 0.2}
            {{ModelYaml.Softmax}}
            train:
              optimizer: adam
              epochs: 30
              seed: 1
              threads: 1
              early_stopping: {monitor: val_accuracy, patience: 2, restore_best: true}
            """);
        var outcome = h.Run(experiment).Runs.Single().Outcome;

        Assert.Equal(RunStatus.Done, outcome.Status);
        Assert.True(outcome.Epochs < 30, $"stopped after {outcome.Epochs} epochs");
        Assert.Contains("early stopping after epoch", outcome.Reason);
        Assert.Equal(outcome.Epochs, h.Metrics(experiment).Count);
    }

    [Fact]
    public void Median_pruning_stops_runs_that_are_worse_than_the_others()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$$"""
            name: prune
            data: {dataset: synthetic, train_samples: 600, test_samples: 100, validation_split: 0.2}
            {{{ModelYaml.Softmax}}}
            train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 3, seed: 1, threads: 1}
            pruning: {method: median, monitor: val_loss, at_epochs: [1], min_runs: 2}
            sweep:
              lr: [0.1, 0.05, 0.00001, 0.000001]
            """);
        var result = h.Run(experiment);

        Assert.Equal([RunStatus.Done, RunStatus.Done, RunStatus.Pruned, RunStatus.Pruned], result.Runs.Select(r => r.Outcome.Status));
        Assert.Equal([3, 3, 1, 1], result.Runs.Select(r => r.Outcome.Epochs));
        Assert.Contains("worse than the median", result.Runs[2].Outcome.Reason);
        Assert.Empty(result.Failures);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Two_jobs_give_the_same_results_as_one()
    {
        var yaml = $$"""
            name: jobs
            data: {dataset: mnist, train_limit: 2000, test_limit: 500}
            {{ModelYaml.Mlp(32, "${activation}")}}
            train: {optimizer: adam, epochs: 2, seed: 1, threads: 1}
            sweep:
              activation: [relu, sigmoid, tanh, elu]
            """;
        using var sequential = new SweepHarness();
        var one = sequential.Load(yaml);
        sequential.Run(one, jobs: 1);
        using var parallel = new SweepHarness();
        var two = parallel.Load(yaml);
        parallel.Run(two, jobs: 2);

        static IEnumerable<string> Rows(SweepHarness h, Runner.Planning.LoadedExperiment e) =>
            h.Folder(e).Runs.Read().Select(r => string.Join(",", r.Where(c => c.Key != "seconds").Select(c => c.Value)));
        Assert.Equal(Rows(sequential, one), Rows(parallel, two));
        for (int run = 0; run < 4; run++)
            Assert.Equal(sequential.Metrics(one, run).Select(Comparable), parallel.Metrics(two, run).Select(Comparable));
    }

    const string Tiny = $$"""
        name: tiny
        data: {dataset: synthetic, train_samples: 200, test_samples: 50}
        {{ModelYaml.Softmax}}
        train: {optimizer: adam, epochs: 1, seed: ${seed}, threads: 1}
        sweep: {seed: [1, 2]}
        """;

    [Fact]
    public void A_changed_config_adds_new_runs_and_keeps_the_old_ones()
    {
        using var h = new SweepHarness();
        h.Run(h.Load(Tiny));
        var changed = h.Load(Tiny.Replace("epochs: 1", "epochs: 2"));
        var result = h.Run(changed);

        Assert.Equal(2, result.Runs.Count);
        Assert.Equal(0, result.Skipped);
        var rows = h.Folder(changed).Runs.Read();
        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(r => r["hash"]).Distinct().Count());
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(h.Folder(changed).Path, "runs")).Length);
    }

    [Fact]
    public void Fresh_archives_the_old_results_instead_of_deleting_them()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Tiny);
        h.Run(experiment);
        var before = File.ReadAllText(h.Folder(experiment).RunsCsv);

        var result = h.Run(experiment, fresh: true);

        Assert.Equal(2, result.Runs.Count);
        var archived = Assert.Single(Directory.GetDirectories(h.Results, "tiny.archived-*"));
        Assert.Equal(before, File.ReadAllText(Path.Combine(archived, "runs.csv")));
        Assert.Contains("Archived the previous results", h.Log.ToString());
    }
}
