using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>
/// Early stopping and pruning decide after an epoch; a real runner is SIGKILLed right after that epoch's
/// checkpoint (held there by the runner's test-only hook), before it wrote its result. The resumed run must
/// end exactly as an uninterrupted one: same epochs, same status, same metrics.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class StopDecisionTests
{
    const string EarlyStopping = """
        name: es
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 16, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train:
          optimizer: adam
          epochs: 6
          seed: 1
          threads: 1
          # no epoch improves on the first by 100: patience 2 stops after epoch 3
          early_stopping: {monitor: val_loss, patience: 2, min_delta: 100}
        """;

    const string Pruning = """
        name: pr
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 16, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 4, seed: 1, threads: 1}
        pruning: {method: median, monitor: val_loss, at_epochs: [1], min_runs: 1}
        sweep: {lr: [0.1, 0.0001]}
        """;

    static (string Dir, IReadOnlyList<Dictionary<string, string>> Rows) Reference(TempFolder folder, string name, string yaml)
    {
        File.WriteAllText(folder[name + ".yaml"], yaml);
        var (code, output) = RunnerProcess.Run("run", folder[name + ".yaml"], "--results", folder["reference"], "--no-report");
        Assert.True(code == 0, output);
        var dir = Path.Combine(folder["reference"], name);
        return (dir, new RunsTable(Path.Combine(dir, "runs.csv")).Read());
    }

    static string KillAfterCheckpointAndRerun(TempFolder folder, string name, string runId, int epoch)
    {
        var args = new[] { "run", folder[name + ".yaml"], "--results", folder["results"], "--no-report" };
        using (var held = RunnerProcess.StartHeldAfterCheckpoint(runId, epoch, args))
        {
            held.Signal(RunnerProcess.SigKill);
            held.WaitForExit(TimeSpan.FromSeconds(30));
        }
        var dir = Path.Combine(folder["results"], name);
        var run = Directory.GetDirectories(Path.Combine(dir, "runs")).Single(d => Path.GetFileName(d).StartsWith(runId + "-", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(run, "result.json")), "killed before the run ended");
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.json")), "killed after the epoch's checkpoint");

        var (code, output) = RunnerProcess.Run(args);
        Assert.True(code == 0, output);
        return dir;
    }

    [Fact]
    public void A_run_killed_after_the_checkpoint_of_its_early_stopping_epoch_stops_there_when_resumed()
    {
        using var folder = new TempFolder();
        var (referenceDir, reference) = Reference(folder, "es", EarlyStopping);
        var row = Assert.Single(reference);
        Assert.Equal("3", row["epochs"]);
        Assert.StartsWith("early stopping after epoch 3", row["reason"]);

        var dir = KillAfterCheckpointAndRerun(folder, "es", "run", 3);

        Assert.Equal(SweepFiles.RunsCsv(referenceDir), SweepFiles.RunsCsv(dir));
        Assert.Equal(SweepFiles.MetricsCsvs(referenceDir), SweepFiles.MetricsCsvs(dir));
    }

    [Fact]
    public void A_run_killed_after_the_checkpoint_of_the_epoch_it_was_pruned_at_stays_pruned_when_resumed()
    {
        using var folder = new TempFolder();
        var (referenceDir, reference) = Reference(folder, "pr", Pruning);
        Assert.Equal(["done", "pruned"], reference.Select(r => r["status"]));
        var pruned = reference[1];
        Assert.Equal("1", pruned["epochs"]);

        var dir = KillAfterCheckpointAndRerun(folder, "pr", pruned["run_id"], 1);

        Assert.Equal(SweepFiles.RunsCsv(referenceDir), SweepFiles.RunsCsv(dir));
        Assert.Equal(SweepFiles.MetricsCsvs(referenceDir), SweepFiles.MetricsCsvs(dir));
    }
}
