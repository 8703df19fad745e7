using Runner.Planning;
using Runner.Results;
using Runner.Training;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// The runs this process is training and the epoch each started from, so that a worker task of an
/// adaptive sweep (which has no --only runs) knows, when a Slurm signal stops it, which runs to
/// requeue for and whether the time limit let it finish an epoch.
/// </summary>
public sealed class RunsInProgress : IRunObserver
{
    readonly object _gate = new();
    readonly Dictionary<string, (PlannedRun Run, int EpochAtStart)> _runs = new();

    /// <summary>The runs still in training, in the order they started, each with the last epoch it had finished when it started.</summary>
    public IReadOnlyList<(PlannedRun Run, int EpochAtStart)> All { get { lock (_gate) return _runs.Values.ToList(); } }

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        lock (_gate) _runs[run.DirectoryName] = (run, firstEpoch - 1);
    }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        lock (_gate) _runs.Remove(run.DirectoryName);
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress progress) { }
    public void EpochEnded(PlannedRun run, EpochMetrics metrics) { }
    public void Message(string text) { }
}
