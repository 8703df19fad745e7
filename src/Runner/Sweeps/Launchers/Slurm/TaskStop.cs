using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// What an array task does after a signal stopped its runs at a batch boundary (one run, or every run of the
/// fused array it trains; each run's last epoch's checkpoint is kept, so each resumes exactly):
/// - USR1 (`--signal=B:USR1@grace`: the time limit is near): requeue this task, unless the time limit
///   has now stopped a run <see cref="TimeLimitStops.Limit"/> times in a row without it finishing an
///   epoch; then that run is failed with that reason instead of looping forever (the task is requeued
///   for the others of its array, if any).
/// - SIGTERM: with PreemptMode=REQUEUE Slurm has already requeued a preempted task, and a task someone
///   cancelled (scancel) must stay cancelled, so the task requeues itself only when Slurm says it was
///   preempted without being requeued (JobState PREEMPTED, PreemptMode=CANCEL).
/// A worker of an adaptive sweep between runs (waiting for a race round) has no run to keep: it is
/// requeued as it would be with one, and resumes as a worker.
/// </summary>
public static class TaskStop
{
    /// <summary>
    /// The task's runs (`--only`'s run, the fused array it trains, or a worker's runs in training) were stopped; those
    /// that ended before the signal need nothing.
    /// </summary>
    public static string Handle(bool timeLimit, SlurmTask task, IReadOnlyList<(PlannedRun Run, RunFolder Folder, int EpochAtStart)> runs,
        Action<PlannedRun, string> fail)
    {
        var open = runs.Where(r => r.Folder.ReadResult() is null).ToList();
        if (open.Count == 0)
            return runs.Count == 0 ? Handle(timeLimit, task, open, fail)
                : $"the signal came after {Names(runs.Select(r => r.Run))} ended; nothing to requeue";
        return Handle(timeLimit, task, open, fail);
    }

    /// <summary>A worker task stopped while it trained nothing.</summary>
    public static string HandleIdle(bool timeLimit, SlurmTask task) => Handle(timeLimit, task, [], (_, _) => { });

    static string Handle(bool timeLimit, SlurmTask task, List<(PlannedRun Run, RunFolder Folder, int EpochAtStart)> current, Action<PlannedRun, string> fail)
    {
        var failed = new List<string>();
        var left = new List<int>();
        foreach (var (run, folder, epochAtStart) in current)
        {
            int epoch = new Checkpoint(folder.Path).TryReadState()?.Epoch ?? 0;
            int stops = timeLimit ? TimeLimitStops.Record(folder, finishedAnEpoch: epoch > epochAtStart) : 0;
            if (stops >= TimeLimitStops.Limit)
            {
                var reason = $"the Slurm time limit stopped it {stops} times in a row before it finished an epoch " +
                             $"(epoch {epoch + 1}); submit with a longer --time or a smaller --grace";
                fail(run, reason);
                failed.Add($"run {run.Id} failed: {reason}");
            }
            else left.Add(epoch);
        }
        // Every run the task held failed: nothing is left to requeue it for.
        if (current.Count > 0 && left.Count == 0) return string.Join("; ", failed);
        var said = failed.Count > 0 ? string.Join("; ", failed) + "; " : "";
        if (timeLimit)
        {
            task.Requeue();
            return said + $"time limit near: requeued task {task.Id}; it resumes {Resume(current.Count == 0, left)}";
        }
        var state = task.State();
        if (state == "PREEMPTED")
        {
            task.Requeue();
            return said + $"preempted: requeued task {task.Id}; it resumes {Resume(current.Count == 0, left)}";
        }
        return said + $"stopped by SIGTERM (job state {state ?? "unknown"}): Slurm requeues a preempted task itself; " +
               $"a cancelled one stays cancelled. It resumes {Resume(current.Count == 0, left)} when it runs again";
    }

    /// <summary>What the requeued task goes on with: its runs each after the last epoch it finished (its checkpoint).</summary>
    static string Resume(bool idle, IReadOnlyList<int> epochs) =>
        idle ? "as a worker of the sweep"
        : epochs.Count == 1 ? (epochs[0] == 0 ? "the run from its start" : $"the run after epoch {epochs[0]}")
        : epochs.Distinct().Count() == 1 ? (epochs[0] == 0 ? $"its {epochs.Count} runs from their start" : $"its {epochs.Count} runs after epoch {epochs[0]}")
        : $"its {epochs.Count} runs, each after its last finished epoch ({string.Join(", ", epochs)})";

    static string Names(IEnumerable<PlannedRun> runs) => "run " + string.Join(", ", runs.Select(r => r.Id));
}
