namespace Runner.Tests.Status;

/// <summary>`runner status` on a local sweep: the run being trained shows as running with its pid, the others as not started, then all done.
/// The sweep is stopped (SIGSTOP) while `status` reads it, so its first run is the running one however busy the machine is.
/// Every wait is for an event (an epoch written, the process ending); the bounds only stop a hung test on a loaded machine.</summary>
[Trait("Category", "Slow")]
public sealed class StatusCommandTests
{
    static readonly string Yaml = $$"""
        name: watched
        data: {dataset: {name: synthetic, train_samples: 4000, test_samples: 200}, validation_split: 0.1}
        {{ModelYaml.Mlp(64)}}
        train: {optimizer: adam, epochs: 4, batch_size: 8, seed: ${seed}, threads: 1, fuse: off}   # one run at a time
        sweep:
          seed: [1, 2]
        """;

    /// <summary>Only a hung sweep takes this long: on a busy machine these 8 epochs can take minutes.</summary>
    static readonly TimeSpan HungAfter = TimeSpan.FromMinutes(30);

    [Fact]
    public void Shows_the_running_run_with_its_pid_and_the_rest_as_not_started_then_done()
    {
        using var sweep = new SweepFolder(Yaml);
        var dir = sweep.Dir;
        string during;
        using (var run = sweep.Start())
        {
            Assert.True(run.WaitUntil(() => SweepFiles.EpochsWritten(dir) >= 1, HungAfter), "the sweep ended before its first epoch:\n" + run.Output);
            // Stopped (not killed) while status reads the folder: the run stays the running one however long
            // status takes on a busy machine (it ended while status started, and the test failed, under load).
            run.Signal(RunnerProcess.SigStop);
            Assert.False(run.HasExited, "the sweep ended before its status could be read");
            try { during = RunnerProcess.Run("status", dir).Output; }
            finally { run.Signal(RunnerProcess.SigCont); }
            Assert.True(run.WaitForExit(HungAfter) == 0, run.Output);
        }
        Assert.Matches(@"running\s+pid \d+, ", during);
        Assert.Contains("not started", during);
        // The run not started yet has no config.yaml: its time left comes from the sweep's epochs, and so does the sweep's total.
        Assert.Matches(@"2 runs: 1 running, 1 not started; about \S+ left", during);
        Assert.DoesNotContain("?", during);
        var after = RunnerProcess.Run("status", dir);
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.Contains("2 runs: 2 done", after.Output);
    }

    [Fact]
    public void Says_plainly_when_no_epoch_has_ended_yet()
    {
        using var sweep = new SweepFolder(Yaml);
        Directory.CreateDirectory(Path.Combine(sweep.Dir, "runs"));
        File.WriteAllText(Path.Combine(sweep.Dir, "sweep.json"), """{"plan": ["seed=1-0123456789", "seed=2-0123456789"]}""");
        var (code, output) = RunnerProcess.Run("status", sweep.Dir);
        Assert.True(code == 0, output);
        Assert.Contains("2 runs: 2 not started; time left unknown until a run has written an epoch", output);
    }

    [Fact]
    public void A_folder_that_is_not_a_sweep_is_refused_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var (code, output) = RunnerProcess.Run("status", folder.Path);
        Assert.Equal(2, code);
        Assert.Contains("is not a results folder", output);
    }
}
