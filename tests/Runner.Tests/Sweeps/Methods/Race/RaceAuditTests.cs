using Runner.Reporting.Results;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;
using Runner.Tests.Serve;

namespace Runner.Tests.Sweeps.Methods.Race;

/// <summary>
/// A race's journal is checked against the results on disk (red team 12: a planted round said "lr=0.003
/// eliminated" while the race's end said "lr=0.003 wins", and the report stated both). The folder is a real
/// finished race (three learning rates, one out in the first round, two undecided after 4 seeds); the plants
/// are edits of its decisions.jsonl and runs.csv.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RaceAuditTests(RaceSweepFixture race) : IClassFixture<RaceSweepFixture>
{
    // The race's last round, as it ran: lr=0.003 best, lr=0.01 kept, no winner after max_seeds.
    static string PlantWinnerEliminated(string journal) => string.Join("\n", journal.Split('\n').Select(line => !line.Contains("\"race after 4 seeds\"", StringComparison.Ordinal) ? line : line
        .Replace("""{"kind":"survive","subject":"lr=0.003","reason":"current best""", """{"kind":"eliminate","subject":"lr=0.003","reason":"current best""")
        .Replace("""{"kind":"stop","subject":"","reason":"not distinguishable""", """{"kind":"stop","subject":"lr=0.003","reason":"lr=0.003 wins: every other configuration is significantly worse. Was: not distinguishable""")));

    string Copy(TempFolder temp)
    {
        var copy = Path.Combine(temp.Path, "race");
        ServeHttpTests.CopyFolder(race.Folder, copy);
        return copy;
    }

    static AuditedRace Audit(string folder) => AuditedRace.Of(ResultsTable.Load(folder, _ => { }, histories: false));

    [Fact]
    public void The_race_as_it_ran_matches_its_results()
    {
        var audit = Audit(race.Folder);

        Assert.Equal(2, audit.Rounds.Count);
        Assert.Empty(audit.Problems);
    }

    [Fact]
    public async Task A_planted_round_that_eliminates_the_winner_is_reported_by_report_status_and_serve_not_stated()
    {
        using var temp = new TempFolder();
        var folder = Copy(temp);
        var journalPath = Path.Combine(folder, DecisionJournal.FileName);
        var planted = PlantWinnerEliminated(File.ReadAllText(journalPath));
        Assert.NotEqual(File.ReadAllText(journalPath), planted);
        File.WriteAllText(journalPath, planted);

        var problems = Audit(folder).Problems;
        Assert.Contains(problems, p => p.Round == 2 && p.Text.Contains("ends the race with lr=0.003 winning, but the round keeps lr=0.01", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Round == 2 && p.Text.Contains("keeps lr=0.01 as the best, but lr=0.003 has the better mean in the results", StringComparison.Ordinal));

        var (code, output) = RunnerProcess.Run(["report", folder]);
        Assert.True(code == 0, output);
        var report = File.ReadAllText(Path.Combine(folder, "report", "report.md"));
        Assert.Contains("does not match the results on disk", report);
        Assert.Contains("eliminated (journal only: not what the results show)", report);
        Assert.DoesNotContain("lr=0.003 wins", report);
        Assert.DoesNotContain("The race ended", report);
        Assert.False(File.Exists(Path.Combine(folder, "report", "race_val_accuracy_by_round.png")), "a contradicted race is drawn as if it had run so");

        (code, output) = RunnerProcess.Run(["status", folder]);
        Assert.True(code == 0, output);
        Assert.Contains("warning: The race's journal (decisions.jsonl) does not match the results on disk", output);
        Assert.DoesNotContain("race over: ", output);

        using var serve = ServeProcess.Start(folder);
        using var http = new HttpClient();
        var ending = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(serve.Url("/api/sweeps/race/race"))).RootElement.GetProperty("ending").GetString();
        Assert.StartsWith("No race result: its journal does not match the results on disk", ending);
    }

    [Fact]
    public void A_round_decided_on_a_run_the_results_do_not_hold_is_reported()
    {
        using var temp = new TempFolder();
        var folder = Copy(temp);
        var runsPath = Path.Combine(folder, "runs.csv");
        var lines = File.ReadAllLines(runsPath);
        File.WriteAllLines(runsPath, lines.Where(l => !l.StartsWith("\"lr=0.01,seed=4", StringComparison.Ordinal) && !l.StartsWith("lr=0.01,seed=4", StringComparison.Ordinal)));
        Assert.True(File.ReadAllLines(runsPath).Length == lines.Length - 1, "the row of lr=0.01, seed 4 was not removed");

        var problems = Audit(folder).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal((2, "lr=0.01"), (problem.Round, problem.Subject));
        Assert.Contains("the results hold no ended run of it with seed 4", problem.Text);
    }

    [Fact]
    public void A_journaled_p_value_the_results_do_not_give_is_reported()
    {
        using var temp = new TempFolder();
        var folder = Copy(temp);
        var journalPath = Path.Combine(folder, DecisionJournal.FileName);
        var journal = File.ReadAllText(journalPath);
        int at = journal.IndexOf("\"p_value\":0.00", StringComparison.Ordinal);
        Assert.True(at > 0, journal);
        File.WriteAllText(journalPath, journal[..at] + "\"p_value\":0.04" + journal[(at + "\"p_value\":0.00".Length)..]);

        var problem = Assert.Single(Audit(folder).Problems);

        Assert.Equal((1, "lr=0.000001"), (problem.Round, problem.Subject));
        Assert.Contains("but its results give p", problem.Text);
    }
}
