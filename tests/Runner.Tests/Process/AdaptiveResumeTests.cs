using Runner.Sweeps.Adaptive;

namespace Runner.Tests.Process;

/// <summary>
/// Adaptive sweeps killed (SIGKILL) mid-way and run again: the journaled decisions and every file
/// end up equal to those of one uninterrupted sweep (--jobs 1), and the search never restarts.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class AdaptiveResumeTests
{
    static readonly string RaceYaml = $$$"""
        name: racekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 6000, test_limit: 500}
        {{{ModelYaml.Mlp(64)}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 2, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          lr: [0.1, 0.0001, 0.05]
          race: {first: 3, max_seeds: 4, alpha: 0.05}
        """;

    /// <summary>The journal without its timestamps: question and answers, in order.</summary>
    static IReadOnlyList<string> Decisions(string dir) =>
        DecisionJournal.Read(dir).Select(e => $"{e.Sequence} {e.Question}: " + string.Join(" | ", e.Decisions.Select(d => $"{d.Kind} {d.Subject} {d.Value:R} {d.PValue:R}"))).ToList();

    [Fact]
    public void A_race_killed_twice_resumes_to_the_same_decisions_and_results()
    {
        using var reference = new SweepFolder(RaceYaml);
        reference.Train();
        Assert.NotEmpty(Decisions(reference.Dir));

        using var sweep = new SweepFolder(RaceYaml);
        // Kill in the first round (before any decision) and after the first decision, mid-run.
        foreach (var (epochs, decided) in new[] { (3, 0), (13, 1) })
        {
            using var p = sweep.Start();
            p.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= epochs && DecisionJournal.Read(sweep.Dir).Count >= decided, TimeSpan.FromMinutes(5));
            Assert.False(p.HasExited, "the race ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.NotEmpty(Decisions(sweep.Dir)); // killed after a decision had been journaled
        sweep.Train();

        Assert.Equal(Decisions(reference.Dir), Decisions(sweep.Dir));
        SweepFiles.AssertSame(reference.Dir, sweep.Dir);
    }
}
