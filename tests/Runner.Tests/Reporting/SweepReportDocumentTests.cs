using global::Runner.Reporting;
using global::Runner.Reporting.Documents;
using global::Runner.Reporting.Results;
using global::Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting;

public class SweepReportDocumentTests
{
    [Fact]
    public void A_sweep_still_running_says_how_many_runs_are_recorded_of_those_planned()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var sweepJson = Path.Combine(directory, "sweep.json");
        File.WriteAllText(sweepJson, File.ReadAllText(sweepJson)
            .Replace("\"runs\": 18", "\"runs\": 30").Replace("\"finished\": \"2025-01-02T20:03:12Z\"", "\"finished\": null"));

        var document = SweepReportDocument.Build(SweepAnalysis.Of(ResultsTable.Load(directory, _ => { })), [], []);

        var facts = document.Blocks.OfType<Facts>().Single().Items.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("18 of 30 planned (16 done, 1 failed, 1 pruned) in 6 configuration(s)", facts["runs"]);
        Assert.Equal("not finished", facts["finished"]);
        Assert.DoesNotContain(document.Blocks, b => b is Figure);
    }
}
