namespace Runner.Tests.Cli;

[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PlanCommandTests
{
    [Fact]
    public void Version_and_list_name_the_torch_backend_and_devices()
    {
        foreach (var args in new[] { new[] { "--version" }, new[] { "list" } })
        {
            var (code, output) = RunnerProcess.Run(args);
            Assert.Equal(0, code);
            Assert.Contains("TorchSharp 0.107.0 (TorchSharp-cpu); devices: cpu (CUDA: not in this build", output);
        }
    }

    [Fact]
    public void Plan_shows_each_runs_state_and_an_estimate()
    {
        using var sweep = new SweepFolder($$"""
            name: p
            data: {dataset: synthetic, train_samples: 300, test_samples: 50}
            {{ModelYaml.Softmax}}
            train: {optimizer: adam, epochs: 2, seed: ${seed}, threads: 1}
            sweep: {seed: [1, 2, 3]}
            """);
        Assert.Equal(0, sweep.Run("--shard", "1/3").ExitCode);

        var (code, output) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results);

        Assert.Equal(0, code);
        Assert.Matches(@"seed=1\s+done", output);
        Assert.Matches(@"seed=2\s+new", output);
        Assert.Contains("Estimated time left:", output);
        // Seeds 2 and 3 train as one fused array, and the estimate (their sum, each timed alone) says so.
        Assert.Contains("each run timed as if it trained alone: runs in a fused array share their steps", output);
        // The estimate is timed with the run's own thread setting, and says how busy the machine is.
        Assert.Matches(@"The machine is (busy|quiet): torch threads per run: 1 \(train.threads: 1", output);
        var (dryCode, dry) = sweep.Run("--dry-run", "--set", "train.epochs=1");
        Assert.Equal(0, dryCode);
        Assert.Matches(@"seed=1\s+new", dry); // a changed config is a new run
        Assert.Single(Directory.GetDirectories(Path.Combine(sweep.Dir, "runs"))); // a dry run trains nothing
    }

    /// <summary>
    /// A finished sweep still printed "Estimated time left: 0s" and "The machine is busy"; after an edit plan did
    /// not say what changed, though run does; it suggested --jobs, which plan does not take; and it did not
    /// show how many samples a run trains and validates on (train_limit leaves validation whole).
    /// </summary>
    [Fact]
    public void Plan_says_what_changed_the_data_sizes_and_when_nothing_is_left()
    {
        using var sweep = new SweepFolder($$"""
            name: p
            data: {dataset: synthetic, train_samples: 300, test_samples: 50, validation_split: 0.5, train_limit: 100, validation_limit: 40}
            {{ModelYaml.Softmax}}
            train: {optimizer: adam, epochs: 1, seed: ${seed}, threads: 1}
            sweep: {seed: [1, 2]}
            """);
        Assert.Equal(0, sweep.Run().ExitCode);

        var (code, finished) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results);

        Assert.Equal(0, code);
        Assert.Contains("Data of each run: 100 train / 40 validation / 50 test samples (train_limit 100, validation_limit 40)", finished);
        Assert.Contains("Nothing left to train: every run of the plan has ended.", finished);
        Assert.DoesNotContain("Estimated time left", finished);
        Assert.DoesNotContain("The machine is", finished);

        var (_, edited) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results, "--set", "train.epochs=2");

        Assert.Contains("The experiment changed since this folder last ran it:", edited);
        Assert.Contains("  train.epochs: 1 -> 2", edited);
        Assert.Contains("Estimated time left:", edited);
        Assert.DoesNotContain("; --jobs can shorten it", edited);
    }

    [Fact]
    public void A_run_that_diverges_while_it_is_timed_gets_an_estimate_not_an_internal_error()
    {
        using var sweep = new SweepFolder($$"""
            name: d
            data: {dataset: synthetic, train_samples: 600, test_samples: 50}
            {{ModelYaml.Softmax}}
            train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 1, seed: 1, threads: 1}
            sweep: {lr: [1e30, 0.01]}
            """);

        var (code, output) = RunnerProcess.Run("plan", sweep.File, "--results", sweep.Results);

        Assert.True(code == 0, output);
        Assert.Matches(@"lr=1e\+?30\s+new", output);
        Assert.Contains("Estimated time left:", output);
        Assert.DoesNotContain("internal error", output);
    }
}
