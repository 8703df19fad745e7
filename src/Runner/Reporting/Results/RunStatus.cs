namespace Runner.Reporting.Results;

/// <summary>The values of the <c>status</c> column of runs.csv.</summary>
public static class RunStatus
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Diverged = "diverged";
    public const string Pruned = "pruned";
    public const string Running = "running";
}
