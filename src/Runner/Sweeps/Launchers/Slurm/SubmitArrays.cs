using Runner.Models.Registries;
using Runner.Planning;
using Runner.Sweeps.Methods;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// How `runner submit` shares a fixed plan between array tasks: a task per fused array (one task trains its runs
/// as one stacked model, `--only` for each) and a task per run that trains alone. The runs of one shape form up
/// to P arrays, P being --max-parallel (the tasks that may run at once), as `runner run --jobs P` forms one array
/// per thread; without --max-parallel every task may run at once, so P is the number of runs and arrays hold two
/// runs each. A fused run's numbers depend only on its config, never on its array's other runs, so the tasks end
/// with the numbers `runner run` gives (docs/architecture.md, fused training).
/// </summary>
public static class SubmitArrays
{
    public static WorkShare Share(ISweepMethod method, WorkShare share, SubmitRequest request,
        IReadOnlySet<string> inQueue, ComponentRegistries registries)
    {
        if (method.NotFused is not null || share.Tasks is null) return share;
        var pending = share.Tasks.SelectMany(t => t).Where(r => !inQueue.Contains(r.DirectoryName)).ToList();
        return share.InArrays(FusedGroups.Plan(pending, registries, request.MaxParallel ?? Math.Max(1, pending.Count)));
    }

    /// <summary>Which runs each task trains, a line per task (`submit --dry-run`).</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<IReadOnlyList<PlannedRun>> tasks) =>
        tasks.Select((runs, i) => $"task {i}: " + (runs.Count > 1 ? $"fused array of {runs.Count} runs: " : "") + string.Join(" ", runs.Select(r => r.Id)));
}
