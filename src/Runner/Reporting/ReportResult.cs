namespace Runner.Reporting;

/// <summary>
/// What a report run produced: the files it wrote, the charts that failed, with reasons, and the report's
/// answer as plain lines (best configuration, verdicts, how a race ended), which `runner run` prints last.
/// </summary>
public sealed record ReportResult(string ReportDirectory, IReadOnlyList<string> FilesWritten, IReadOnlyList<ChartFailure> FailedCharts)
{
    public IReadOnlyList<string> Answer { get; init; } = [];

    public bool AllChartsWritten => FailedCharts.Count == 0;
}

/// <summary>A chart that could not be drawn; the rest of the report is written regardless.</summary>
public sealed record ChartFailure(string FileName, string Reason);
