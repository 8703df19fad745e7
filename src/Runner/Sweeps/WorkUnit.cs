using Runner.Planning;

namespace Runner.Sweeps;

/// <summary>
/// What a launcher executes at once: one run, or a fused array of runs of one shape that train as one stacked
/// model (<see cref="Fused"/>; the first leads, and a fused unit of one still trains on the stacked path, so its
/// numbers depend only on its config). docs/architecture.md, fused training.
/// </summary>
public sealed record WorkUnit(IReadOnlyList<PlannedRun> Runs, bool Fused)
{
    /// <summary>The sweeper's next unit: its next run, with the fused array that run leads; null when it has none left.</summary>
    public static WorkUnit? Next(ISweeper sweeper) =>
        sweeper.Next() is not { } run ? null
        : sweeper.GroupOf(run) is { } group ? new WorkUnit(group, Fused: true)
        : new WorkUnit([run], Fused: false);
}

/// <summary>
/// How a sweep is shared between processes that share only its results folder (`runner submit`'s array
/// tasks): the runs each process gets, known in advance (a fixed plan: one process per run not yet ended, or per
/// fused array of them, <see cref="InArrays"/>),
/// or <see cref="Workers"/> equal workers that each take the next run none of the others has (a race, a
/// search). The sweep method decides (<see cref="Methods.ISweepMethod.Share"/>), the launcher starts them.
/// </summary>
public sealed record WorkShare(IReadOnlyList<IReadOnlyList<PlannedRun>>? Tasks, int Workers, int AlreadyEnded)
{
    /// <summary>One process per run still to train, in plan order.</summary>
    public static WorkShare PerRun(IReadOnlyList<PlannedRun> pending, int alreadyEnded) =>
        new(pending.Select(r => (IReadOnlyList<PlannedRun>)[r]).ToList(), pending.Count, alreadyEnded);

    public static WorkShare EqualWorkers(int workers) => new(null, Math.Max(1, workers), 0);

    /// <summary>
    /// The same runs, one process per fused array of <paramref name="fusion"/> (a run that trains alone keeps a
    /// process of its own), in plan order of each process's first run; equal workers stay as they are.
    /// </summary>
    public WorkShare InArrays(FusedGroupPlan fusion)
    {
        if (Tasks is null) return this;
        var tasks = new List<IReadOnlyList<PlannedRun>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in Tasks.SelectMany(t => t).Where(r => placed.Add(r.DirectoryName)))
        {
            var group = fusion.GroupOf(run) ?? [run];
            placed.UnionWith(group.Select(r => r.DirectoryName));
            tasks.Add(group);
        }
        return this with { Tasks = tasks, Workers = tasks.Count };
    }
}
