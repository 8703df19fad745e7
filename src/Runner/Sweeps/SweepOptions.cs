namespace Runner.Sweeps;

/// <summary>
/// How to run a planned sweep: where results go and how the work is shared out. <see cref="RetryFailed"/>:
/// runs that failed in an earlier invocation are trained again (`--no-retry` keeps them failed).
/// <see cref="Only"/>: `--only`'s runs (one, or the fused array of a Slurm task). <see cref="Worker"/>: this process is one of several equal workers of an adaptive sweep (a race or TPE
/// search run with --shard i/n): the runs another worker holds are that worker's to finish.
/// </summary>
public sealed record SweepOptions(
    string ResultsRoot,
    int Jobs = 1,
    Shard? Shard = null,
    bool FailFast = false,
    bool Fresh = false,
    IReadOnlyList<string>? Only = null,
    bool RetryFailed = true,
    bool Worker = false)
{
    public RunSelection Selection => new(Shard, Only);
}

/// <summary>`--shard 2/3`: this process takes runs 2, 5, 8, ... (1-based) of the plan.</summary>
public readonly record struct Shard(int Index, int Count)
{
    public bool Takes(int runIndex) => runIndex % Count == Index - 1;

    public static bool TryParse(string text, out Shard shard)
    {
        shard = default;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n)) return false;
        if (n < 1 || i < 1 || i > n) return false;
        shard = new Shard(i, n);
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";
}
