namespace Runner.Tests.Process;

/// <summary>
/// The end of `runner run` gives the answer: the report's best configuration and verdicts are its last
/// lines, and after a resume the table still lists the runs an earlier invocation trained.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ConsoleAnswerTests
{
    static string Yaml(string rates) => $$$"""
        name: answer
        data: {dataset: mnist, validation_split: 0.1, train_limit: 600, test_limit: 100}
        {{{ModelYaml.Mlp(16)}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 1, batch_size: 32, seed: 1, threads: 1}
        sweep:
          lr: [{{{rates}}}]
        """;

    [Fact]
    public void A_resumed_sweep_ends_with_every_run_and_the_reports_best_configuration()
    {
        using var sweep = new SweepFolder(Yaml("0.1, 0.0001")) { Report = true };
        sweep.Train();
        File.WriteAllText(sweep.File, Yaml("0.1, 0.0001, 0.05"));
        var output = sweep.Train();

        // Both runs of the first invocation are in the table, marked as ended earlier; the new one is not.
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("done (earlier)")));
        Assert.Contains("1 run trained, 2 already ended", output);
        // The last lines are the report's answer, word for word.
        var md = File.ReadAllText(Path.Combine(sweep.Dir, "report", "report.md"));
        var best = output.Split('\n').Last(l => l.Contains("Best configuration: ")).Trim();
        Assert.Contains(best[best.IndexOf("Best configuration: ", StringComparison.Ordinal)..], md);
        var lines = output.TrimEnd().Split('\n');
        Assert.Contains("Best configuration: lr=", string.Join('\n', lines[^3..]));
    }
}
