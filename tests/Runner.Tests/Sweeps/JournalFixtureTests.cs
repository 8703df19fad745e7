namespace Runner.Tests.Sweeps;

/// <summary>
/// Results folders written before the sweep methods had their own folders (JournalFixtures: a race and a
/// TPE search, run with the code of that time, model files and charts left out) still resume and report
/// the same: the same decisions (the journal is not touched), the same `status` and `plan` lines, the
/// same race section. The expected text is what that code printed for these folders.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class JournalFixtureTests
{
    static string Copy(TempFolder temp, string name)
    {
        var source = Repository.At($"tests/Runner.Tests/Sweeps/JournalFixtures/{name}");
        var target = Path.Combine(temp.Path, "results", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    static (int Code, string Output) Runner(params string[] args) => RunnerProcess.Run(args);

    [Fact]
    public void A_race_journaled_before_the_method_seam_resumes_with_its_decisions_and_reports_them()
    {
        using var temp = new TempFolder();
        var folder = Copy(temp, "race-fixture");
        var journal = File.ReadAllBytes(Path.Combine(folder, "decisions.jsonl"));
        var decided = new[]
        {
            "Decided so far (decisions.jsonl, 2 entries):",
            "  race after 2 seeds: eliminated lr=0.5 (p 0.0441); in: lr=0.000001",
            "  race over: lr=0.000001 wins: every other configuration is significantly worse",
        };

        var (code, status) = Runner("status", folder);
        Assert.Equal(0, code);
        Assert.Contains(string.Join("\n", decided), status.ReplaceLineEndings("\n"));

        var (planCode, plan) = Runner("plan", Path.Combine(folder, "experiment.yaml"), "--results", Path.GetDirectoryName(folder)!);
        Assert.Equal(0, planCode);
        Assert.Matches(@"lr=0\.5,seed=3\s+not needed \(eliminated\)", plan);
        Assert.Matches(@"lr=0\.000001,seed=3\s+open \(race\)", plan);
        Assert.Contains("A race: every configuration runs seeds 1..2, then only the survivors get more, up to 4; open runs may not be needed", plan);
        Assert.Contains("Fused training: none (a race trains each run alone).", plan);
        Assert.Contains(string.Join("\n", decided), plan.ReplaceLineEndings("\n"));

        // A run of the decided round is lost: the resumed race trains it again and replays the round's journaled answer.
        Directory.Delete(Path.Combine(folder, "runs", "lr=0.000001,seed=2-54fa1f81"), recursive: true);
        var (runCode, run) = Runner("run", Path.Combine(folder, "experiment.yaml"), "--results", Path.GetDirectoryName(folder)!, "--jobs", "1");
        Assert.True(runCode == 0, run);
        Assert.Contains("3 runs of the race already ended; it goes on from the decisions in decisions.jsonl", run);
        Assert.Contains("1 run trained, 3 already ended", run);
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(folder, "decisions.jsonl")));
        Assert.False(Directory.EnumerateDirectories(Path.Combine(folder, "runs"), "*seed=3*").Any());

        Assert.Equal(0, Runner("report", folder).Code);
        var markdown = File.ReadAllText(Path.Combine(folder, "report", "report.md")).ReplaceLineEndings("\n");
        Assert.Contains("""
            ## Race

            After each round every survivor is compared with the best on their shared seeds by a one-sided paired t-test; p is Holm-adjusted over the round's comparisons. A configuration at or below alpha is eliminated; the others get one more seed.

            | round | seeds | configuration | decision | mean val_loss | p (Holm) |
            |---|---|---|---|---|---|
            | 1 | 2 | lr=0.000001 | survives | 2.8465 |  |
            | 1 | 2 | lr=0.5 | eliminated | 29.8852 | 0.0441 |

            The race ended: lr=0.000001 wins: every other configuration is significantly worse.
            """, markdown);
        Assert.True(new FileInfo(Path.Combine(folder, "report", "race_val_loss_by_round.png")).Length > 10_000);
    }

    [Fact]
    public void A_search_journaled_before_the_method_seam_resumes_with_its_proposals_and_reports_them()
    {
        using var temp = new TempFolder();
        var folder = Copy(temp, "tpe-fixture");
        var journal = File.ReadAllBytes(Path.Combine(folder, "decisions.jsonl"));
        const string decided = "Decided so far (decisions.jsonl, 6 entries):\n" +
                               "  search: 5 trials proposed (2 at random, 3 by TPE); last, trial 5: lr=0.4641, units=17";

        var (code, status) = Runner("status", folder);
        Assert.Equal(0, code);
        Assert.Contains(decided, status.ReplaceLineEndings("\n"));

        var (planCode, plan) = Runner("plan", Path.Combine(folder, "experiment.yaml"), "--results", Path.GetDirectoryName(folder)!);
        Assert.Equal(0, planCode);
        Assert.Matches(@"trial=5,lr=0\.4641,units=17\s+done", plan);
        Assert.Contains("A TPE search of 5 trials: the first 2 at random, each later one proposed from the finished results on val_loss; all proposed", plan);
        Assert.Contains("Fused training: none (a TPE search trains each run alone).", plan);
        Assert.Contains(decided, plan.ReplaceLineEndings("\n"));

        // Two proposed trials are lost: the resumed search trains the journaled proposals again and proposes nothing new.
        Directory.Delete(Path.Combine(folder, "runs", "trial=4,lr=0.3816,units=10-d053d25d"), recursive: true);
        Directory.Delete(Path.Combine(folder, "runs", "trial=5,lr=0.4641,units=17-0f6fcd5a"), recursive: true);
        var (runCode, run) = Runner("run", Path.Combine(folder, "experiment.yaml"), "--results", Path.GetDirectoryName(folder)!, "--jobs", "1");
        Assert.True(runCode == 0, run);
        Assert.Contains("3 trials of the search already ended; it goes on from the proposals in decisions.jsonl", run);
        Assert.Contains("2 runs trained, 3 already ended", run);
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(folder, "decisions.jsonl")));
        Assert.True(File.Exists(Path.Combine(folder, "runs", "trial=5,lr=0.4641,units=17-0f6fcd5a", "result.json")));

        Assert.Equal(0, Runner("report", folder).Code);
        var markdown = File.ReadAllText(Path.Combine(folder, "report", "report.md"));
        Assert.Contains("![Best val_loss so far by trial (step line) and each finished trial's value (points), in the order the search proposed them](best_val_loss_by_trial.png)", markdown);
    }
}
