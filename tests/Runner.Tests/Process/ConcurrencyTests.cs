using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>
/// Two real runner processes on one results folder: one holds a run (stopped by the runner's test-only
/// hook right after an epoch's checkpoint, so it holds the run's lock for as long as the test needs), the
/// other asks for --fresh, or takes a shard that includes the held run.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ConcurrencyTests
{
    static readonly string Yaml = $$"""
        name: shared
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        {{ModelYaml.Mlp(16)}}
        train: {optimizer: adam, epochs: 2, seed: ${seed}, threads: 1, fuse: off}
        sweep: {seed: [1, 2]}
        """;

    [Fact]
    public void Fresh_refuses_while_another_process_trains_in_the_folder_and_says_which_run_and_process()
    {
        using var sweep = new SweepFolder(Yaml);
        using var holder = RunnerProcess.StartHeldAfterCheckpoint("seed=1", 1, sweep.RunArgs());

        var (code, output) = sweep.Run("--fresh");

        Assert.True(code == 1, output);
        Assert.Contains("--fresh would move", output);
        Assert.Contains("seed=1-", output);
        Assert.Contains($"pid {holder.Id}, {Environment.MachineName}", output);
        Assert.Empty(Directory.GetDirectories(sweep.Results, "shared.archived-*"));
        Assert.True(File.Exists(Path.Combine(sweep.Dir, "runs.csv")) || Directory.Exists(Path.Combine(sweep.Dir, "runs")));
        Assert.False(holder.HasExited);
    }

    /// <summary>sweep.log was opened before --fresh moved the folder, so the new sweep logged into the archived folder.</summary>
    [Fact]
    public void After_fresh_the_new_sweep_logs_into_the_new_folder_and_the_archive_keeps_the_old_log()
    {
        using var sweep = new SweepFolder(Yaml);
        Assert.Equal(0, sweep.Run().ExitCode);
        var oldLog = File.ReadAllText(Path.Combine(sweep.Dir, "sweep.log"));

        var (code, output) = sweep.Run("--fresh");

        Assert.True(code == 0, output);
        var archive = Assert.Single(Directory.GetDirectories(sweep.Results, "shared.archived-*"));
        Assert.Equal(oldLog, File.ReadAllText(Path.Combine(archive, "sweep.log")));
        var newLog = File.ReadAllText(Path.Combine(sweep.Dir, "sweep.log"));
        Assert.Contains($"Archived the previous results to {archive}", newLog);
        Assert.Contains("seed=2", newLog);
    }

    [Fact]
    public void A_shard_that_finds_its_run_held_says_so_exits_1_and_takes_the_run_over_once_the_holder_is_gone()
    {
        using var sweep = new SweepFolder(Yaml);
        var holder = RunnerProcess.StartHeldAfterCheckpoint("seed=1", 1, sweep.RunArgs());
        try
        {
            var (code, output) = sweep.Run("--shard", "1/2");
            Assert.True(code == 1, output);
            Assert.Contains("0 runs trained", output);
            Assert.Contains($"running (pid {holder.Id}, {Environment.MachineName}): seed=1", output);

            var (planCode, plan) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results, "--no-estimate");
            Assert.Equal(0, planCode);
            Assert.Matches($@"1\s+seed=1\s+running \(pid {holder.Id}, ", plan);
            Assert.Matches(@"2\s+seed=2\s+new", plan);
        }
        finally
        {
            holder.Signal(RunnerProcess.SigKill);
            holder.WaitForExit(TimeSpan.FromSeconds(30));
            holder.Dispose();
        }

        // The holder is dead: its lock file still names it, but the run is free to resume.
        var (afterCode, after) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results, "--no-estimate");
        Assert.Equal(0, afterCode);
        Assert.Matches(@"seed=1\s+partial \(1 epochs\)", after);
        var (rerun, rerunOutput) = sweep.Run("--shard", "1/2");
        Assert.True(rerun == 0, rerunOutput);
        Assert.Contains("resuming at epoch 2", rerunOutput);
        Assert.Equal("done", new RunsTable(Path.Combine(sweep.Dir, "runs.csv")).Read().Single(r => r["run_id"] == "seed=1")["status"]);
    }
}
