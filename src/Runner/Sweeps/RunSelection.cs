using Runner.Planning;

namespace Runner.Sweeps;

/// <summary>Which runs of the plan one invocation takes: all of them, a shard, or exactly one (`--only`).</summary>
public sealed record RunSelection(Shard? Shard = null, string? Only = null)
{
    public static readonly RunSelection All = new();

    public IEnumerable<PlannedRun> Apply(IReadOnlyList<PlannedRun> plan) =>
        plan.Where((run, i) => (Shard?.Takes(i) ?? true) && (Only is null || Matches(run, Only)));

    /// <summary>`--only` names a run by its folder name (unambiguous) or by its id.</summary>
    public static bool Matches(PlannedRun run, string name) => run.DirectoryName == name || run.Id == name;
}
