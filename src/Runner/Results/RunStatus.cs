namespace Runner.Results;

/// <summary>
/// How a run ended: the values of runs.csv's `status` column and of result.json's Status. A run that
/// has not ended has no status on disk (no result.json, no row); `runner status` derives its live
/// state (running, queued, interrupted) elsewhere.
/// </summary>
public static class RunStatus
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Diverged = "diverged";
    public const string Pruned = "pruned";

    /// <summary>Every status, in the order reports list them.</summary>
    public static readonly IReadOnlyList<string> All = [Done, Pruned, Diverged, Failed];

    public static bool Known(string status) => All.Contains(status);

    /// <summary>Ended for good: kept on a rerun and not counted against the sweep. Failed runs are retried.</summary>
    public static bool Finished(string status) => status is Done or Pruned;
}
