using Runner.Devices;
using Runner.Planning;
using Runner.Results;
using Runner.Training;
using Runner.Training.Fused;

namespace Runner.Sweeps;

/// <summary>
/// A fused array from lock to record: each member run is claimed as <see cref="TryRun"/> claims a run
/// (one another process holds, or that has ended, stays out of the array), the claimed runs train as one
/// stacked model (<see cref="FusedTrainer"/>), and each is recorded, and its lock released, the moment it
/// ends. A failure of the array fails each of its runs that had not ended yet. A run that can fuse trains
/// this way even alone (an array of one), so that its numbers depend only on its config.
/// </summary>
public sealed partial class RunExecution
{
    /// <summary>The outcomes of a unit of work's runs trained here (none when others have them).</summary>
    public IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> TryRun(WorkUnit unit, CancellationToken cancel)
    {
        if (unit.Fused) return TryRunArray(unit.Runs, cancel);
        return unit.Runs.SelectMany(run => TryRun(run, cancel) is { } outcome ? [(run, outcome)] : Array.Empty<(PlannedRun, RunOutcome)>()).ToList();
    }

    List<(PlannedRun, RunOutcome)> TryRunArray(IReadOnlyList<PlannedRun> group, CancellationToken cancel)
    {
        var results = new List<(PlannedRun, RunOutcome)>();
        var claims = new List<Claimed>();
        try
        {
            foreach (var run in group)
                if (Claim(run) is { } claim) claims.Add(claim);
            // One claimed run trains on the stacked path too: its numbers never depend on who else could be claimed.
            if (claims.Count > 0) TrainArray(claims, results, cancel);
            return results;
        }
        finally
        {
            foreach (var claim in claims) claim.Dispose();
        }
    }

    void TrainArray(List<Claimed> claims, List<(PlannedRun, RunOutcome)> results, CancellationToken cancel)
    {
        var ended = new HashSet<string>();
        void End(Claimed claim, RunOutcome outcome)
        {
            ended.Add(claim.Run.DirectoryName);
            Record(claim.Run, outcome);
            results.Add((claim.Run, outcome));
            claim.Dispose();
        }
        var sessions = new List<RunSession>();
        try
        {
            var first = claims[0].Run.Experiment;
            var prepared = data.Get(first.Data, DeviceChoice.Resolve(first.Train.Device));
            foreach (var claim in claims)
            {
                try { sessions.Add(_executor.Open(claim.Run, prepared, claim.Folder, sweeper, claim.Retry)); }
                catch (Exception e) when (!IsSweepWide(e) && e is not OutOfMemoryException) { End(claim, Failed(claim, e)); }
            }
            var byRun = claims.ToDictionary(c => c.Run.DirectoryName);
            foreach (var session in sessions)
                observer.RunStarted(session.Run, Order.IndexOf(session.Run.DirectoryName) + 1, sweeper.Planned, session.NextEpoch, prepared.TrainCount);
            if (sessions.Count > 0)
                new FusedTrainer(registries, observer, _executor.Threads)
                    .Train(sessions, prepared, cancel, (session, outcome) => End(byRun[session.Run.DirectoryName], outcome));
        }
        catch (Exception e) when (!IsSweepWide(e) && e is not OutOfMemoryException)
        {
            foreach (var claim in claims.Where(c => !ended.Contains(c.Run.DirectoryName)))
                End(claim, Failed(claim, e));
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    static RunOutcome Failed(Claimed claim, Exception e)
    {
        var outcome = new RunOutcome(RunStatus.Failed, 0, null, null, 0, NativeError.Reason(e));
        claim.Folder.WriteEnd(claim.Run, outcome, summary: null);
        return outcome;
    }
}
