namespace Runner.Reporting;

/// <summary>What a report run produced: the files it wrote and the charts that failed, with reasons.</summary>
public sealed record ReportResult(string ReportDirectory, IReadOnlyList<string> FilesWritten, IReadOnlyList<ChartFailure> FailedCharts)
{
    public bool AllChartsWritten => FailedCharts.Count == 0;
}

/// <summary>A chart that could not be drawn; the rest of the report is written regardless.</summary>
public sealed record ChartFailure(string FileName, string Reason);
