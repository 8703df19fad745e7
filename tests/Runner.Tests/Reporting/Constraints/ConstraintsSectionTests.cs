using Runner.Reporting;
using Runner.Reporting.Pareto;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting.Constraints;

public sealed class ConstraintsSectionTests
{
    // The fixture's runs have units x 795 parameters and gain accuracy with units: the best runs are the largest.
    const string AtMost120k = """["parameters <= 120000"]""";

    [Fact]
    public void Infeasible_runs_are_marked_and_left_out_of_the_best_and_the_front_which_is_the_brute_force_front_of_the_feasible_runs()
    {
        using var temp = new TempFolder();
        var directory = new SearchResultsFixture { Trials = 40, Objectives = """{"val_accuracy": "max", "parameters": "min"}""", Constraints = AtMost120k }.Write(temp.Path);
        var table = ResultsTable.Load(directory, _ => { });
        var recorded = table.Runs.Select(r => (r.RunId, Accuracy: r.Value("val_accuracy")!.Value, Parameters: r.Value("parameters")!.Value)).ToList();
        var feasible = recorded.Where(r => r.Parameters <= 120000).ToList();
        var infeasible = recorded.Where(r => r.Parameters > 120000).Select(r => r.RunId).ToList();
        Assert.InRange(infeasible.Count, 5, 35);
        Assert.True(recorded.MaxBy(r => r.Accuracy).Parameters > 120000, "the fixture's most accurate run should break the constraint, or this test shows nothing");

        var bruteForce = feasible.Where(r => !feasible.Any(q =>
            q.Accuracy >= r.Accuracy && q.Parameters <= r.Parameters && (q.Accuracy > r.Accuracy || q.Parameters < r.Parameters)))
            .Select(r => r.RunId).Order(StringComparer.Ordinal).ToList();
        var pareto = ParetoRuns.Of(table)!;
        Assert.Equal(bruteForce, pareto.Front.Select(r => r.Run.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(infeasible.Count, pareto.Infeasible);
        Assert.Equal(feasible.Count, pareto.Runs.Count);

        var analysis = SweepAnalysis.Of(table);
        var bestFeasible = feasible.MaxBy(r => r.Accuracy).RunId;
        Assert.Equal(bestFeasible, analysis.BestRun!.RunId);
        Assert.Equal(infeasible.Order(StringComparer.Ordinal),
            analysis.Leaderboard.Where(r => r.Verdict == Verdict.Infeasible).SelectMany(r => r.Configuration.Runs).Select(r => r.RunId).Order(StringComparer.Ordinal));
        Assert.All(analysis.Leaderboard.Where(r => r.Verdict == Verdict.Infeasible), r => Assert.Null(r.Rank));

        var result = ReportWriter.Write(directory, _ => { }, null);
        var markdown = File.ReadAllText(Path.Combine(result.ReportDirectory, ReportWriter.MarkdownFile));
        var section = markdown[markdown.IndexOf("# Constraints", StringComparison.Ordinal)..];
        if (section.IndexOf("\n# ", 2, StringComparison.Ordinal) is > 0 and var end) section = section[..end];
        Assert.Contains($"{feasible.Count} runs of 40 finished runs keep within them; {infeasible.Count} runs break one", section);
        foreach (var run in recorded)
            Assert.Equal(infeasible.Contains(run.RunId), section.Contains($"| {run.RunId} | parameters = ", StringComparison.Ordinal));
        Assert.Contains($"{infeasible.Count} runs break a constraint of the sweep and are left out", markdown);
        Assert.Contains(result.Answer, line => line.StartsWith($"{infeasible.Count} runs of 40 finished break parameters <= 120000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""["parameters < 120000"]""")]
    [InlineData("""["parameters <= 120000", 5]""")]
    [InlineData("""{"parameters": 120000}""")]
    [InlineData("""["param\u001b[31meters <= 5"]""")]
    public void Constraints_that_are_not_what_the_recorder_writes_are_set_aside_with_a_warning(string constraints)
    {
        using var temp = new TempFolder();
        var directory = new SearchResultsFixture { Constraints = constraints }.Write(temp.Path);
        var warnings = new List<string>();
        var table = ResultsTable.Load(directory, warnings.Add);
        Assert.False(table.Sweep.Constraints.Any);
        Assert.Contains(warnings, w => w.Contains("\"constraints\" is not a list of up to 100 constraints", StringComparison.Ordinal));
    }
}
