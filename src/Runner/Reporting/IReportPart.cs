using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Reporting;

/// <summary>
/// A part of a sweep's report that a sweep method adds (the race's rounds): a section of report.md and
/// report.html and the charts it draws. Read from the results folder alone, so `runner report` redraws it.
/// The method lives above the report (docs/architecture.md), so it hands its part down through this.
/// </summary>
public interface IReportPart
{
    /// <summary>The section, placed after the answer; none for a sweep the part is not about.</summary>
    IEnumerable<Block> Blocks(ResultsTable table);

    /// <summary>What the part adds to the report's answer (how a race ended), as plain sentences; none by default.</summary>
    IEnumerable<string> Answer(ResultsTable table) => [];

    /// <summary>The charts, placed after the heatmaps; none for a sweep the part is not about.</summary>
    IEnumerable<IChart> Charts(SweepAnalysis analysis);
}
