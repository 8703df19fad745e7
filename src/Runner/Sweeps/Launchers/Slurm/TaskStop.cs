using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// What an array task does after a signal stopped its run at a batch boundary (the last epoch's
/// checkpoint is kept, so the run resumes exactly):
/// - USR1 (`--signal=B:USR1@grace`: the time limit is near): requeue this task, unless the time limit
///   has now stopped the run <see cref="TimeLimitStops.Limit"/> times in a row without it finishing an
///   epoch; then the run is failed with that reason instead of looping forever.
/// - SIGTERM: with PreemptMode=REQUEUE Slurm has already requeued a preempted task, and a task someone
///   cancelled (scancel) must stay cancelled, so the task requeues itself only when Slurm says it was
///   preempted without being requeued (JobState PREEMPTED, PreemptMode=CANCEL).
/// A worker of an adaptive sweep between runs (waiting for a race round) has no run to keep: it is
/// requeued as it would be with one, and resumes as a worker.
/// </summary>
public static class TaskStop
{
    public static string Handle(bool timeLimit, SlurmTask task, PlannedRun run, RunFolder folder, int epochAtStart, Action<string> fail)
    {
        if (folder.ReadResult() is { } ended) return $"the signal came after run {run.Id} ended ({ended.Status}); nothing to requeue";
        return Handle(timeLimit, task, (run, folder, epochAtStart), fail);
    }

    /// <summary>A worker task stopped while it trained nothing.</summary>
    public static string HandleIdle(bool timeLimit, SlurmTask task) => Handle(timeLimit, task, null, _ => { });

    static string Handle(bool timeLimit, SlurmTask task, (PlannedRun Run, RunFolder Folder, int EpochAtStart)? current, Action<string> fail)
    {
        int epoch = current is { } c ? new Checkpoint(c.Folder.Path).TryReadState()?.Epoch ?? 0 : 0;
        if (timeLimit && current is { } stopped)
        {
            var (run, folder, epochAtStart) = stopped;
            int stops = TimeLimitStops.Record(folder, finishedAnEpoch: epoch > epochAtStart);
            if (stops >= TimeLimitStops.Limit)
            {
                var reason = $"the Slurm time limit stopped it {stops} times in a row before it finished an epoch " +
                             $"(epoch {epoch + 1}); submit with a longer --time or a smaller --grace";
                fail(reason);
                return $"run {run.Id} failed: {reason}";
            }
        }
        if (timeLimit)
        {
            task.Requeue();
            return $"time limit near: requeued task {task.Id}; it resumes {Resume(current is null, epoch)}";
        }
        var state = task.State();
        if (state == "PREEMPTED")
        {
            task.Requeue();
            return $"preempted: requeued task {task.Id}; it resumes {Resume(current is null, epoch)}";
        }
        return $"stopped by SIGTERM (job state {state ?? "unknown"}): Slurm requeues a preempted task itself; " +
               $"a cancelled one stays cancelled. It resumes {Resume(current is null, epoch)} when it runs again";
    }

    static string Resume(bool idle, int epoch) =>
        idle ? "as a worker of the sweep" : epoch == 0 ? "the run from its start" : $"the run after epoch {epoch}";
}
