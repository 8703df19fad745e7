using Runner.Reporting.Constraints;
using Runner.Reporting.Pareto;

namespace Runner.Reporting;

/// <summary>The report's own parts, beside those sweep methods hand down: each answers only for sweeps it is about.</summary>
internal static class ReportParts
{
    public static IReadOnlyList<IReportPart> BuiltIn { get; } = [new ParetoSection(), new ConstraintsSection()];
}
