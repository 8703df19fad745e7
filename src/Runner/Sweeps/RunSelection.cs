using Runner.Planning;
using Runner.Recording;

namespace Runner.Sweeps;

/// <summary>Which runs of the plan one invocation takes: all of them, a shard, or exactly those named (`--only`, repeatable).</summary>
public sealed record RunSelection(Shard? Shard = null, IReadOnlyList<string>? Only = null)
{
    public static readonly RunSelection All = new();

    public IEnumerable<PlannedRun> Apply(IReadOnlyList<PlannedRun> plan) =>
        plan.Where((run, i) => (Shard?.Takes(i) ?? true) && (Only is null || Only.Any(name => Matches(run, name))));

    /// <summary>The selected runs still to train (those that failed before among them unless --no-retry) and those that ended.</summary>
    public (List<PlannedRun> Pending, List<PlannedRun> Ended, int Retried) Split(LoadedExperiment experiment, ExperimentFolder folder, bool retryFailed)
    {
        var (pending, ended, retried) = (new List<PlannedRun>(), new List<PlannedRun>(), 0);
        foreach (var run in Apply(experiment.Runs))
        {
            var result = folder.Run(run).ReadResult();
            if (result is not null && !RunExecution.Retries(result, retryFailed)) ended.Add(run);
            else
            {
                if (result is not null) retried++;
                pending.Add(run);
            }
        }
        return (pending, ended, retried);
    }

    /// <summary>`--only` names a run by its folder name (unambiguous) or by its id.</summary>
    public static bool Matches(PlannedRun run, string name) => run.DirectoryName == name || run.Id == name;
}
