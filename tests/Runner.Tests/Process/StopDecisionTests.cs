using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>
/// Early stopping and pruning decide after an epoch; a real runner is SIGKILLed right after that epoch's
/// checkpoint (held there by the runner's test-only hook), before it wrote its result. The resumed run must
/// end exactly as an uninterrupted one: same epochs, same status, same metrics.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class StopDecisionTests
{
    static readonly string EarlyStopping = $$"""
        name: es
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        {{ModelYaml.Mlp(16)}}
        train:
          optimizer: adam
          epochs: 6
          seed: 1
          threads: 1
          # no epoch improves on the first by 100: patience 2 stops after epoch 3
          early_stopping: {monitor: val_loss, patience: 2, min_delta: 100}
        """;

    static readonly string Pruning = $$$"""
        name: pr
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        {{{ModelYaml.Mlp(16)}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 4, seed: 1, threads: 1}
        pruning: {method: median, monitor: val_loss, at_epochs: [1], min_runs: 1}
        sweep: {lr: [0.1, 0.0001]}
        """;

    /// <summary>The uninterrupted sweep's runs.csv rows.</summary>
    static IReadOnlyList<Dictionary<string, string>> Reference(SweepFolder reference)
    {
        reference.Train();
        return new RunsTable(Path.Combine(reference.Dir, "runs.csv")).Read();
    }

    /// <summary>Kills a runner held right after <paramref name="epoch"/>'s checkpoint of <paramref name="runId"/>, then runs the sweep again to the end.</summary>
    static void KillAfterCheckpointAndRerun(SweepFolder sweep, string runId, int epoch)
    {
        using (var held = RunnerProcess.StartHeldAfterCheckpoint(runId, epoch, sweep.RunArgs()))
        {
            held.Signal(RunnerProcess.SigKill);
            held.WaitForExit(TimeSpan.FromSeconds(30));
        }
        var run = Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Single(d => Path.GetFileName(d).StartsWith(runId + "-", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(run, "result.json")), "killed before the run ended");
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.json")), "killed after the epoch's checkpoint");

        sweep.Train();
    }

    [Fact]
    public void A_run_killed_after_the_checkpoint_of_its_early_stopping_epoch_stops_there_when_resumed()
    {
        using var referenceSweep = new SweepFolder(EarlyStopping);
        using var sweep = new SweepFolder(EarlyStopping);
        var row = Assert.Single(Reference(referenceSweep));
        Assert.Equal("3", row["epochs"]);
        Assert.StartsWith("early stopping after epoch 3", row["reason"]);

        KillAfterCheckpointAndRerun(sweep, "run", 3);

        SweepFiles.AssertSame(referenceSweep.Dir, sweep.Dir);
    }

    [Fact]
    public void A_run_killed_after_the_checkpoint_of_the_epoch_it_was_pruned_at_stays_pruned_when_resumed()
    {
        using var referenceSweep = new SweepFolder(Pruning);
        using var sweep = new SweepFolder(Pruning);
        var reference = Reference(referenceSweep);
        Assert.Equal(["done", "pruned"], reference.Select(r => r["status"]));
        var pruned = reference[1];
        Assert.Equal("1", pruned["epochs"]);

        KillAfterCheckpointAndRerun(sweep, pruned["run_id"], 1);

        SweepFiles.AssertSame(referenceSweep.Dir, sweep.Dir);
    }
}
