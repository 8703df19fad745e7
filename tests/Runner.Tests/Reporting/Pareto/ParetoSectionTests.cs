using Runner.Reporting;
using Runner.Reporting.Pareto;
using Runner.Reporting.Results;

namespace Runner.Tests.Reporting.Pareto;

public sealed class ParetoSectionTests
{
    const string AccuracyAgainstSize = """{"val_accuracy": "max", "parameters": "min"}""";

    [Fact]
    public void The_reported_front_is_the_brute_force_front_of_the_recorded_runs()
    {
        using var temp = new TempFolder();
        var directory = new SearchResultsFixture { Trials = 40, Objectives = AccuracyAgainstSize }.Write(temp.Path);
        var table = ResultsTable.Load(directory, _ => { });

        var recorded = table.Runs.Where(r => r.IsDone).Select(r => (r.RunId, Accuracy: r.Value("val_accuracy")!.Value, Parameters: r.Value("parameters")!.Value)).ToList();
        var bruteForce = recorded.Where(r => !recorded.Any(q =>
            q.Accuracy >= r.Accuracy && q.Parameters <= r.Parameters && (q.Accuracy > r.Accuracy || q.Parameters < r.Parameters)))
            .Select(r => r.RunId).Order(StringComparer.Ordinal).ToList();

        var pareto = ParetoRuns.Of(table)!;
        Assert.Equal(40, pareto.Runs.Count);
        Assert.Equal(bruteForce, pareto.Front.Select(r => r.Run.RunId).Order(StringComparer.Ordinal));
        Assert.InRange(bruteForce.Count, 2, 39); // the fixture trades accuracy for size: a front, not one winner

        var result = ReportWriter.Write(directory, _ => { }, null);
        var markdown = File.ReadAllText(Path.Combine(result.ReportDirectory, ReportWriter.MarkdownFile));
        var section = markdown[markdown.IndexOf("# Trade-offs: the Pareto front", StringComparison.Ordinal)..markdown.IndexOf("# What was run", StringComparison.Ordinal)];
        Assert.Contains($"{bruteForce.Count} runs of 40 on the front; the other {40 - bruteForce.Count} are dominated", section);
        foreach (var run in recorded)
            Assert.Equal(bruteForce.Contains(run.RunId), section.Contains($"| {run.RunId} |", StringComparison.Ordinal));
        PngAssert.Readable(Path.Combine(result.ReportDirectory, "pareto_val_accuracy_vs_parameters.png"));
        Assert.Contains(result.Answer, line => line.StartsWith($"Pareto front on val_accuracy (max) and parameters (min): {bruteForce.Count} runs of 40 not dominated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sweep_without_objectives_gets_no_front_and_its_leaderboard_stays()
    {
        using var temp = new TempFolder();
        var directory = new SearchResultsFixture().Write(temp.Path);
        var result = ReportWriter.Write(directory, _ => { }, null);
        var markdown = File.ReadAllText(Path.Combine(result.ReportDirectory, ReportWriter.MarkdownFile));
        Assert.DoesNotContain("Pareto", markdown);
        Assert.Contains("# Leaderboard", markdown);
        Assert.Empty(Directory.GetFiles(result.ReportDirectory, "pareto_*.png"));
    }

    [Theory]
    [InlineData("""{"val_accuracy": "max"}""")]
    [InlineData("""{"val_accuracy": "max", "parameters": "smallest"}""")]
    [InlineData("""["val_accuracy", "parameters"]""")]
    public void Objectives_that_are_not_what_the_recorder_writes_are_set_aside_with_a_warning(string objectives)
    {
        using var temp = new TempFolder();
        var directory = new SearchResultsFixture { Objectives = objectives }.Write(temp.Path);
        var warnings = new List<string>();
        var table = ResultsTable.Load(directory, warnings.Add);
        Assert.Null(ParetoRuns.Of(table));
        Assert.Contains(table.Warnings.Concat(warnings), w => w.Contains("\"objectives\" is not 2 to 4 names", StringComparison.Ordinal));
    }
}
