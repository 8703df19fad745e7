using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// `runner run --requeue` inside a task of a Slurm array: its batch shell holds USR1 and SIGTERM until Runner's
/// handlers are installed, a signal may come twice, and when one stops the sweep the task requeues itself
/// (<see cref="TaskStop"/>) for the runs it was training: `--only`'s runs (one, or a fused array), or a worker's runs in training.
/// </summary>
public sealed class SlurmArrayTask(SlurmTask task) : ILaunchedProcess
{
    readonly RunsInProgress _inProgress = new();

    public string Describe => $"Slurm task {task.Id}, attempt {task.RestartCount + 1}";
    public bool RepeatsSignals => true;
    public void TakingSignals() => BatchShell.TakeSignals();
    public void SignalsTaken() => BatchShell.NotifyReady();   // the batch shell held USR1 and SIGTERM until now
    public IRunObserver? Observer => _inProgress;

    public string Stopped(bool timeLimit, ExperimentFolder folder, IReadOnlyList<(PlannedRun Run, int EpochAtStart)>? only, Action<PlannedRun, string> fail)
    {
        var stopped = only ?? _inProgress.All;
        return stopped.Count == 0 ? TaskStop.HandleIdle(timeLimit, task)
            : TaskStop.Handle(timeLimit, task, stopped.Select(s => (s.Run, folder.Run(s.Run), s.EpochAtStart)).ToList(), fail);
    }
}
