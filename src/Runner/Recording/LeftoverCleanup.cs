using Runner.Files;
using Runner.Planning;
using Runner.Results;
using Runner.Training;

namespace Runner.Recording;

/// <summary>
/// What killed processes left in a results folder: temporary files of interrupted writes, and
/// checkpoint folders of runs that have since ended. Removed when a sweep starts; a run's own
/// leftovers are also removed when it starts and when it ends (<see cref="RunExecutor"/>).
/// </summary>
public static class LeftoverCleanup
{
    public static void Clean(ExperimentFolder folder, IEnumerable<PlannedRun> runs)
    {
        Leftovers.RemoveTemporaryFiles(folder.Path);
        Leftovers.RemoveTemporaryFiles(folder.ReportDirectory);
        foreach (var run in runs)
        {
            var runFolder = folder.Run(run);
            if (runFolder.ReadResult() is not { Status: RunStatus.Done or RunStatus.Pruned or RunStatus.Diverged }) continue;
            // Under the run's lock: a process retraining this run right now keeps its files.
            using var runLock = FileLock.TryAcquire(runFolder.LockFile, TimeSpan.Zero);
            if (runLock is null) continue;
            Leftovers.RemoveTemporaryFiles(runFolder.Path);
            new Checkpoint(runFolder.Path).Discard();
        }
    }
}
