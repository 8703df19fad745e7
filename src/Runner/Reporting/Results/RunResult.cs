using Runner.Results;
namespace Runner.Reporting.Results;

/// <summary>
/// One run: its row of runs.csv plus the per-epoch history from its metrics.csv (empty when the run
/// folder or file is missing).
/// </summary>
public sealed class RunResult(
    string runId,
    IReadOnlyList<KeyValuePair<string, string>> axisValues,
    string status,
    IReadOnlyDictionary<string, double> values,
    string hash,
    string directory,
    string reason,
    string folder,
    IReadOnlyList<EpochRecord> history,
    string? configYaml)
{
    public string RunId { get; } = runId;

    /// <summary>The value of every sweep axis, in axis order (seed included).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AxisValues { get; } = axisValues;

    public string Status { get; } = status;

    /// <summary>Every numeric cell of the runs.csv row: epochs, loss, ..., parameters, seconds.</summary>
    public IReadOnlyDictionary<string, double> Values { get; } = values;

    public string Hash { get; } = hash;
    public string Directory { get; } = directory;
    public string Reason { get; } = reason;

    /// <summary>Absolute path of <c>runs/&lt;directory&gt;</c> (which may not exist).</summary>
    public string Folder { get; } = folder;

    public IReadOnlyList<EpochRecord> History { get; } = history;

    /// <summary>The run's resolved config.yaml, verbatim; null when the folder has none.</summary>
    public string? ConfigYaml { get; } = configYaml;

    public bool IsDone => Status == RunStatus.Done;

    public double? Value(string column) => Values.TryGetValue(column, out var v) ? v : null;

    public string AxisValue(string axis) =>
        AxisValues.FirstOrDefault(a => a.Key == axis).Value ?? "";
}
