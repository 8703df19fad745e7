using Runner.Cli;

namespace Runner.Tests.Sweeps;

/// <summary>
/// A fused sweep split between processes ends as in one process: `--shard i/n` trains its runs of a shape as
/// one array, and `--only A --only B` (what a `runner submit` task runs) trains the named runs as one array.
/// Each run's files are byte for byte those of the whole sweep trained in one process, but the array named in
/// result.json, since a fused run's numbers depend only on its config.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FusedSplitTests
{
    static readonly string Sweep = $$"""
        name: split
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 200, image_size: [8, 8]}, validation_split: 0.2}
        {{ModelYaml.Mlp(16, activation: "${activation}", dropout: 0.2, input: "[8, 8]")}}
        train: {optimizer: ${optimizer}, epochs: 2, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          optimizer: [sgd, rmsprop, adam]
          activation: [sigmoid, relu]
          seed: [1, 2]
        """;

    static string Run(string file, string results, params string[] extra)
    {
        var (code, output) = RunnerProcess.Run(["run", file, "--results", results, "--no-report", "--jobs", "1", .. extra]);
        Assert.True(code == 0, output);
        return output;
    }

    static string RunDir(string experimentDir, string id) =>
        Directory.GetDirectories(Path.Combine(experimentDir, "runs")).Single(d => Path.GetFileName(d).StartsWith(id + "-", StringComparison.Ordinal));

    [Fact]
    public void Two_shards_train_their_runs_as_arrays_and_end_byte_for_byte_as_one_process()
    {
        using var folder = new SweepFolder(Sweep);
        Run(folder.File, folder["whole"]);
        Run(folder.File, folder["shards"], "--shard", "1/2");
        Run(folder.File, folder["shards"], "--shard", "2/2");

        var (whole, shards) = (Path.Combine(folder["whole"], "split"), Path.Combine(folder["shards"], "split"));
        RunFiles.AssertSame(whole, shards);
        // One array of 12 in one process; an array of 6 in each shard (runs 1, 3, 5, ... and 2, 4, 6, ...).
        Assert.All(Directory.GetDirectories(Path.Combine(whole, "runs")), d => Assert.Equal(12, RunFiles.FusedWith(d).Count));
        Assert.All(Directory.GetDirectories(Path.Combine(shards, "runs")), d => Assert.Equal(6, RunFiles.FusedWith(d).Count));
    }

    [Fact]
    public void Only_repeated_trains_the_named_runs_as_one_array_with_the_numbers_of_the_whole_sweep()
    {
        using var folder = new SweepFolder(Sweep);
        Run(folder.File, folder["whole"]);
        string[] named = ["optimizer=rmsprop,activation=relu,seed=2", "optimizer=sgd,activation=sigmoid,seed=1", "optimizer=adam,activation=relu,seed=1"];
        var output = Run(folder.File, folder["only"], "--only", named[0], "--only", named[1], "--only", named[2]);
        Assert.Contains("Fused training: 3 runs in 1 array (3)", output);

        var (whole, only) = (Path.Combine(folder["whole"], "split"), Path.Combine(folder["only"], "split"));
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(only, "runs")).Length);
        foreach (var id in named)
        {
            var (a, b) = (RunDir(whole, id), RunDir(only, id));
            Assert.Equal(named.Order(), RunFiles.FusedWith(b).Order());
            Assert.Equal(RunFiles.Result(a), RunFiles.Result(b));
            foreach (var file in new[] { "model.bin", "test_predictions.csv", "summary.txt" })
                Assert.Equal(RunFiles.Content(Path.Combine(a, file)), RunFiles.Content(Path.Combine(b, file)));
            Assert.Equal(SweepFiles.MetricsCsvs(whole)[Path.GetFileName(a)], SweepFiles.MetricsCsvs(only)[Path.GetFileName(b)]);
        }
    }
}
