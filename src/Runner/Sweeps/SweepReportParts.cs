using Runner.Reporting;
using Runner.Sweeps.Methods;

namespace Runner.Sweeps;

/// <summary>The sections and charts sweep methods add to a sweep's report, in report order. Each answers
/// only for a sweep of its own method (the race's rounds need a race's journal).</summary>
public static class SweepReportParts
{
    public static IReadOnlyList<IReportPart> All { get; } = SweepMethods.All.SelectMany(m => m.ReportParts).ToList();
}
