namespace Runner.Tests.Process;

/// <summary>
/// A race and a TPE search decide their runs from finished results, so `--only`, which trains one fixed run
/// of a plan, refuses them: exit 2, one line with the reason and what works instead (workers, --shard i/n).
/// </summary>
[Trait("Category", "Slow")]
public sealed class AdaptiveRefusalTests
{
    internal const string Head = """
        data: {dataset: synthetic, train_samples: 200, test_samples: 50, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 1}
        """;

    [Theory]
    [InlineData("race", "a race decides which seeds run from the results of each round", "lr=0.1,seed=1")]
    [InlineData("tpe", "a TPE search proposes each trial from the finished ones", "trial=1")]
    public void Only_refuses_adaptive_sweeps_and_names_what_works(string sweep, string reason, string run)
    {
        using var folder = new TempFolder();
        var file = folder["adaptive.yaml"];
        File.WriteAllText(file, "name: adaptive\n" + Head + "\n" + (sweep == "race"
            ? "sweep: {lr: [0.1, 0.01], race: {first: 2, max_seeds: 3}}\n"
            : "sweep: {tpe: {trials: 4, startup: 2, lr: {loguniform: [0.001, 0.1]}}}\n"));
        var (code, output) = RunnerProcess.Run(["run", file, "--results", folder["results"], "--only", run]);
        Assert.True(code == 2, output);
        Assert.Contains(reason, output);
        Assert.Contains("start workers with --shard i/n (or `runner submit`)", output);
        Assert.False(Directory.Exists(folder["results"]), "nothing is written");
    }
}
