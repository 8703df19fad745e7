using Runner.Planning;
using Runner.Results;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps.Launchers;

/// <summary>
/// Where and how runs execute, beside the sweeper's which runs (Hydra's Sweeper/Launcher split): threads in
/// this process, shard processes, a Slurm job array. One folder under Sweeps/Launchers, registered in
/// <see cref="SweepLaunchers"/>; `run`, `submit` and `status` reach it only through this interface
/// (docs/architecture.md, "A launcher"). Every launcher ends in the same per-unit code,
/// <see cref="RunExecution"/>: a process it starts is a `runner run` that trains its units on threads.
/// </summary>
public interface ILauncher
{
    /// <summary>How the docs and messages name it ("threads", "shards", "Slurm array").</summary>
    string Name { get; }

    /// <summary>The command that starts it, when it has one of its own (`submit`); null when `run` starts it.</summary>
    string? Command => null;

    /// <summary>
    /// Applies its flags of one `runner run` (and the environment it started the process in) to the launch so
    /// far: the options it sets, the process this is, a note; or a problem, which `run` prints as a usage error.
    /// </summary>
    RunLaunch Join(RunFlags flags, Methods.ISweepMethod method, RunLaunch launch) => launch;

    /// <summary>What it knows of where a sweep's runs are now (`status`): run directory to place; empty when it knows nothing there.</summary>
    IReadOnlyDictionary<string, RunPlace> Places(ExperimentFolder folder) => new Dictionary<string, RunPlace>();
}

/// <summary>The launcher that trains units of work on this process's threads: what every `runner run` ends in.</summary>
public interface IInProcessLauncher : ILauncher
{
    /// <summary>Trains the sweeper's units until it has none left; the outcome of every run trained here, in plan order.</summary>
    IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Launch(ISweeper sweeper, RunExecution execution, SweepOptions options, CancellationToken cancel);
}

/// <summary>Where a launcher says a run is: started (running, with the node or job) or waiting for it (queued).</summary>
public sealed record RunPlace(bool Started, string Where);

/// <summary>
/// This `runner run` process as one a launcher started and stops in its own way (a Slurm array task: it
/// requeues itself when a signal stops it). `run` calls it around the sweep.
/// </summary>
public interface ILaunchedProcess
{
    /// <summary>What `run`'s first line says it is ("Slurm task 12_3, attempt 2").</summary>
    string Describe { get; }

    /// <summary>Whether a signal may come twice, so a repeated SIGTERM or USR1 must not stop at once (preemption signals every process of a task).</summary>
    bool RepeatsSignals => false;

    /// <summary>Before and after `run` installs its signal handlers (a batch shell holds signals until the process is ready).</summary>
    void TakingSignals() { }
    void SignalsTaken() { }

    /// <summary>Listens to the sweep (which runs are in training, to know what a signal stopped).</summary>
    IRunObserver? Observer => null;

    /// <summary>
    /// A signal stopped the sweep (<paramref name="timeLimit"/>: the time limit is near; otherwise SIGTERM):
    /// what the process does about it, said as a line. <paramref name="only"/> is `--only`'s runs (one, or a fused
    /// array) with the epoch each started from; <paramref name="fail"/> ends a run as failed, with the reason.
    /// </summary>
    string Stopped(bool timeLimit, ExperimentFolder folder, IReadOnlyList<(PlannedRun Run, int EpochAtStart)>? only, Action<PlannedRun, string> fail);
}

/// <summary>A launcher's outside world refused (a scheduler command failed or is missing): a message for the user, not a crash.</summary>
public class LauncherException(string message) : Exception(message);
