using Runner.Reporting.Comparison;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Reporting;

/// <summary>
/// Puts two sweeps side by side in <paramref name="outputDirectory"/>: comparison.csv (leaderboards
/// joined on configuration), comparison.md/.html, joined bars and the learning curves of both best
/// configurations on one chart.
/// </summary>
public static class ComparisonWriter
{
    public static (ReportResult Result, SweepComparison Comparison) Write(string dirA, string dirB, string outputDirectory, Action<string> log)
    {
        var a = SweepAnalysis.Of(ResultsTable.Load(dirA, log));
        var b = SweepAnalysis.Of(ResultsTable.Load(dirB, log));
        var comparison = SweepComparison.Of(a, b);
        foreach (var warning in comparison.Warnings) log($"warning: {warning}");

        Directory.CreateDirectory(outputDirectory);
        var (charts, failures) = ChartRenderer.SaveAll(ComparisonCharts.For(comparison), outputDirectory, log);
        var files = charts.Select(c => Path.Combine(outputDirectory, c.FileName)).ToList();
        files.Add(ReportWriter.WriteFile(outputDirectory, ComparisonCsv.FileName, path => ComparisonCsv.Write(comparison, path)));
        files.AddRange(ReportWriter.WriteDocument(outputDirectory, "comparison", ComparisonDocument.Build(comparison, charts, failures)));
        log($"comparison: {files.Count} files in {outputDirectory}" + (failures.Count > 0 ? $", {failures.Count} chart(s) failed" : ""));
        return (new ReportResult(Path.GetFullPath(outputDirectory), files, failures), comparison);
    }
}
