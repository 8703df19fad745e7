using Runner.Results;

namespace Runner.Recording;

/// <summary>What a run ended as. Only Done runs are skipped when a sweep is run again.</summary>
public static class RunStatus
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Diverged = "diverged";
    public const string Pruned = "pruned";
    public const string Interrupted = "interrupted";

    /// <summary>Ended for good: kept on a rerun and not counted against the sweep. Failed runs are retried.</summary>
    public static bool Finished(string status) => status is Done or Pruned;
}

/// <summary>
/// The `version` column of runs.csv: whether a row belongs to the plan the folder last ran, or to an
/// earlier version of the experiment (a config that has since changed). Reports use only current rows.
/// </summary>
public static class RunVersion
{
    public const string Current = "current";
    public const string Earlier = "earlier";
}

/// <summary>One row of runs.csv: a run's identity, axis values, final metrics (one column per recorded metric) and how it ended.</summary>
public sealed record RunRecord(
    string RunId,
    IReadOnlyList<KeyValuePair<string, string>> Axes,
    string Status,
    int Epochs,
    EpochMetrics? Last,
    MetricValues? Test,
    long Parameters,
    double Seconds,
    string Hash,
    string Directory,
    string Reason)
{
    public static readonly string[] ColumnsBeforeAxes = ["run_id"];

    /// <summary>Between these and <see cref="ColumnsAfterMetrics"/>: the last epoch's metrics, then the test split's (test_loss, ...).</summary>
    public static readonly string[] ColumnsBeforeMetrics = ["status", "epochs"];

    public static readonly string[] ColumnsAfterMetrics = ["parameters", "seconds", "hash", "directory", "reason", "version"];

    public IEnumerable<KeyValuePair<string, string>> Cells()
    {
        yield return new("run_id", RunId);
        foreach (var axis in Axes) yield return axis;
        yield return new("status", Status);
        yield return new("epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in (Last?.Values ?? MetricValues.Empty).Concat(Test?.Prefixed(RecordedMetrics.TestPrefix)))
            yield return new(name, Csv.Number(value));
        yield return new("parameters", Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("seconds", Csv.Number(Math.Round(Seconds, 3)));
        yield return new("hash", Hash);
        yield return new("directory", Directory);
        yield return new("reason", Reason);
        yield return new("version", RunVersion.Current);
    }
}
