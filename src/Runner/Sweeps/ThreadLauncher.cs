using Runner.Results;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Runs a sweeper's runs on N threads of this process (`--jobs N`): each thread asks the sweeper for
/// the next run and trains it through <see cref="RunExecution"/> until the sweeper has none left.
/// </summary>
public sealed class ThreadLauncher(int jobs, bool failFast)
{
    /// <summary>The outcome of every run trained here, in plan order.</summary>
    public IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Launch(ISweeper sweeper, RunExecution execution, CancellationToken cancel)
    {
        var outcomes = new ConcurrentDictionary<string, (PlannedRun, RunOutcome)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var wake = stop.Token.Register(sweeper.Stop);

        void Work()
        {
            while (!stop.IsCancellationRequested && sweeper.Next() is { } run)
            {
                // The run, or the fused array it leads; none when another process has them.
                foreach (var (trained, outcome) in execution.TryRunWithArray(run, stop.Token))
                {
                    outcomes[trained.DirectoryName] = (trained, outcome);
                    if (failFast && outcome.Status is RunStatus.Failed or RunStatus.Diverged) stop.Cancel();
                }
            }
        }

        // Workers are threads, not tasks: a run owns its thread for minutes and torch calls block.
        // An exception in one (an interruption, a data error) stops the others and is rethrown here.
        ExceptionDispatchInfo? error = null;
        void Guarded()
        {
            try { Work(); }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }
        var workers = Enumerable.Range(0, Math.Max(1, jobs)).Select(_ => new Thread(Guarded) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        error?.Throw();
        cancel.ThrowIfCancellationRequested();
        // In plan order; a search's plan grew while it ran.
        var order = sweeper.Runs.Select((r, i) => (r.DirectoryName, i)).ToDictionary(p => p.DirectoryName, p => p.i);
        return outcomes.OrderBy(o => order.GetValueOrDefault(o.Key, int.MaxValue)).Select(o => o.Value).ToList();
    }
}
