namespace Runner.Sweeps.Launchers;

/// <summary>The flags of one `runner run` that say where and how its runs execute, as given on the command line.</summary>
public sealed record RunFlags(
    string ResultsRoot,
    string Jobs,
    string? Shard,
    IReadOnlyList<string>? Only,
    bool Requeue,
    bool FailFast,
    bool Fresh,
    bool RetryFailed);

/// <summary>
/// What the launchers made of a `runner run`'s flags: the sweep's options, the launcher's process this is
/// (null: a plain process), notes to print before it starts, or the first problem (a usage error).
/// </summary>
public sealed record RunLaunch(SweepOptions Options, ILaunchedProcess? Process = null, IReadOnlyList<string>? Notes = null, string? Problem = null)
{
    public RunLaunch Refuse(string problem) => this with { Problem = problem };
    public RunLaunch Note(string note) => this with { Notes = [.. Notes ?? [], note] };
}
