namespace Runner.Reporting.Results;

/// <summary>
/// What sweep.json says about a sweep: what ran, when, where and with which packages. <see cref="Plan"/>
/// lists the run directories of the plan the folder last ran (empty in folders written before it was recorded).
/// </summary>
public sealed record SweepInfo(
    string Experiment,
    string? Source,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    double? WallSeconds,
    int? Runs,
    int? Jobs,
    MachineInfo Machine,
    IReadOnlyList<KeyValuePair<string, string>> Packages,
    IReadOnlyList<string> Axes,
    string Metric,
    IReadOnlyList<string> Plan)
{
    /// <summary>As the compared metric declares (higher is better for all but the loss).</summary>
    public bool Maximize => Runner.Results.RecordedMetrics.HigherIsBetter(Metric);

    /// <summary>The report's objectives for a Pareto front (`report: {objectives: ...}`); none in most sweeps.</summary>
    public IReadOnlyList<Runner.Results.ReportObjective> Objectives { get; init; } = [];
    /// <summary>The sweep's constraints (`sweep: {constraints: [...]}`); none in most sweeps.</summary>
    public Runner.Planning.Constraints.SweepConstraints Constraints { get; init; } = Runner.Planning.Constraints.SweepConstraints.None;
    /// <summary>The search's shape as planned (sweep.json's `space`); null in folders written before it was recorded.</summary>
    public Runner.Planning.SweepShape? Shape { get; init; }
}

/// <summary>The machine a sweep ran on.</summary>
public sealed record MachineInfo(int? Cores, string? Os, string? Runtime);
