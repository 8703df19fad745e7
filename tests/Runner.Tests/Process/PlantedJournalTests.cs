using Runner.Sweeps.Adaptive;

namespace Runner.Tests.Process;

/// <summary>
/// A decision journal in a results folder may come from someone else: what Runner did not write, or wrote
/// for another sweep, is refused by `run` and `plan` (exit 2, the file, what is wrong, no trace) before
/// anything is trained, and the file is left as it was.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PlantedJournalTests
{
    const string Head = AdaptiveRefusalTests.Head + "\n";

    const string Race = "sweep: {lr: [0.1, 0.01], race: {first: 2, max_seeds: 3}}\n";
    const string Search = "sweep: {tpe: {trials: 4, startup: 2, seed: 1, lr: {loguniform: [0.001, 0.1]}}}\n";

    static string Line(string question, string decisions) =>
        $$"""{"sequence":1,"question":"{{question}}","at":"2026-11-30T00:00:00Z","decisions":[{{decisions}}]}""" + "\n";

    public static TheoryData<string, string, string> Journals() => new()
    {
        { Race, Line("race after abc seeds", """{"kind":"stop","subject":"","reason":"x"}"""), "'race after abc seeds' names no number of seeds" },
        { Race, Line("race after 2 seeds", ""), "'race after 2 seeds' has no answer" },
        { Race, Line("race after 2 seeds", """{"kind":"eliminate","subject":"../../etc","reason":"x"}"""), "answers 'eliminate ../../etc', which is not keeping, eliminating or stopping a configuration of this race" },
        { Race, Line("race after 3 seeds", """{"kind":"survive","subject":"lr=0.1","reason":"x"}"""), "is not the next round (expected 'race after 2 seeds')" },
        { Search, Line("propose trial 1", """{"kind":"propose","subject":"t1","reason":"random","parameters":{"lr":"5.0"}}"""), "trial 1's proposal gives lr = '5.0', which is not loguniform in [0.001, 0.1]" },
        { Search, Line("propose trial 1", """{"kind":"propose","subject":"elsewhere","reason":"random","parameters":{"lr":"0.01"}}"""), "trial 1's proposal names the run folder 'elsewhere', but its values plan 'trial=1,lr=0.01-" },
        { Search, Line("propose trial 04", """{"kind":"propose","subject":"t","reason":"random","parameters":{"lr":"0.01"}}"""), "'propose trial 04' is not the next proposal (expected 'propose trial 1')" },
    };

    [Theory]
    [MemberData(nameof(Journals))]
    public void A_journal_Runner_did_not_write_for_this_sweep_is_refused_before_anything_trains(string sweep, string journal, string problem)
    {
        using var folder = new TempFolder();
        var file = folder["adaptive.yaml"];
        File.WriteAllText(file, "name: adaptive\n" + Head + sweep);
        var dir = Path.Combine(folder["results"], "adaptive");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, DecisionJournal.FileName);
        File.WriteAllText(path, journal);

        foreach (var command in new[] { "run", "plan" })
        {
            var (code, output) = RunnerProcess.Run([command, file, "--results", folder["results"]]);
            Assert.True(code == 2, output);
            Assert.Contains($"{path}: ", output);
            Assert.Contains(problem, output);
            Assert.DoesNotContain("   at ", output);
        }
        Assert.Equal(journal, File.ReadAllText(path));
        Assert.False(Directory.Exists(Path.Combine(dir, "runs")));
    }

    [Fact]
    public void A_folder_in_place_of_the_journal_is_refused_not_ignored()
    {
        using var folder = new TempFolder();
        var file = folder["adaptive.yaml"];
        File.WriteAllText(file, "name: adaptive\n" + Head + Race);
        Directory.CreateDirectory(Path.Combine(folder["results"], "adaptive", DecisionJournal.FileName));
        foreach (var command in new[] { "run", "plan" })
        {
            var (code, output) = RunnerProcess.Run([command, file, "--results", folder["results"]]);
            Assert.True(code == 2, output);
            Assert.Contains("it is a folder, not the journal file Runner writes", output);
        }
    }
}
