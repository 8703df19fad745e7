namespace Runner.Reporting.Statistics;

/// <summary>
/// The compared metric for every combination of two axes (the mean over everything else, seeds and
/// other axes included). Cells[row, column].
/// </summary>
public sealed record AxisPairGrid(
    string ColumnAxis, IReadOnlyList<string> ColumnValues,
    string RowAxis, IReadOnlyList<string> RowValues,
    SampleSummary[,] Cells);
