using Runner.Results;

namespace Runner.Recording;

/// <summary>One row of runs.csv: a run's identity, axis values, final metrics (one column per recorded metric) and how it ended.</summary>
public sealed record RunRecord(
    string RunId,
    IReadOnlyList<KeyValuePair<string, string>> Axes,
    string Status,
    int Epochs,
    EpochMetrics? Last,
    MetricValues? Test,
    long Parameters,
    double MemoryMb,
    double Seconds,
    string Hash,
    string Directory,
    string Reason)
{
    public static readonly string[] ColumnsBeforeAxes = [RunsColumns.RunId];

    /// <summary>Between these and <see cref="ColumnsAfterMetrics"/>: the last epoch's metrics, then the test split's (test_loss, ...).</summary>
    public static readonly string[] ColumnsBeforeMetrics = [RunsColumns.Status, RunsColumns.Epochs];

    public static readonly string[] ColumnsAfterMetrics =
        [RunsColumns.Parameters, RunsColumns.MemoryMb, RunsColumns.Seconds, RunsColumns.Hash, RunsColumns.Directory, RunsColumns.Reason, RunsColumns.Version];

    public IEnumerable<KeyValuePair<string, string>> Cells()
    {
        yield return new(RunsColumns.RunId, RunId);
        foreach (var axis in Axes) yield return axis;
        yield return new(RunsColumns.Status, Status);
        yield return new(RunsColumns.Epochs, Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in (Last?.Values ?? MetricValues.Empty).Concat(Test?.Prefixed(RecordedMetrics.TestPrefix)))
            yield return new(name, Csv.Number(value));
        yield return new(RunsColumns.Parameters, Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Unrounded, so that the report judges a memory constraint on the value the plan judged.
        yield return new(RunsColumns.MemoryMb, Csv.Number(MemoryMb));
        yield return new(RunsColumns.Seconds, Csv.Number(Math.Round(Seconds, 3)));
        yield return new(RunsColumns.Hash, Hash);
        yield return new(RunsColumns.Directory, Directory);
        yield return new(RunsColumns.Reason, Reason);
        yield return new(RunsColumns.Version, RunVersion.Current);
    }
}
