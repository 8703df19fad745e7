using Runner.Results;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Runner.Planning;
using Runner.Training;

namespace Runner.Sweeps.Launchers.Threads;

/// <summary>
/// Trains a sweeper's units of work on N threads of this process (`--jobs N`): each thread asks the sweeper
/// for its next unit (a run, or the fused array it leads) and trains it through <see cref="RunExecution"/>
/// until the sweeper has none left. Every `runner run` trains this way, a shard's or a Slurm task's too.
/// </summary>
public sealed class ThreadLauncher : IInProcessLauncher
{
    public string Name => "threads";

    /// <summary>`--jobs N`, or 'auto' (0 here: `run` decides it with the experiment).</summary>
    public RunLaunch Join(RunFlags flags, Methods.ISweepMethod method, RunLaunch launch)
    {
        if (flags.Jobs == "auto") return launch with { Options = launch.Options with { Jobs = 0 } };
        return int.TryParse(flags.Jobs, out var jobs) && jobs > 0
            ? launch with { Options = launch.Options with { Jobs = jobs } }
            : launch.Refuse("--jobs takes a positive number or 'auto'");
    }

    public IReadOnlyList<(PlannedRun Run, RunOutcome Outcome)> Launch(ISweeper sweeper, RunExecution execution, SweepOptions options, CancellationToken cancel)
    {
        var outcomes = new ConcurrentDictionary<string, (PlannedRun, RunOutcome)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var wake = stop.Token.Register(sweeper.Stop);

        void Work()
        {
            while (!stop.IsCancellationRequested && WorkUnit.Next(sweeper) is { } unit)
            {
                // None when another process has them.
                foreach (var (trained, outcome) in execution.TryRun(unit, stop.Token))
                {
                    outcomes[trained.DirectoryName] = (trained, outcome);
                    if (options.FailFast && outcome.Status is RunStatus.Failed or RunStatus.Diverged) stop.Cancel();
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
        var workers = Enumerable.Range(0, Math.Max(1, options.Jobs)).Select(_ => new Thread(Guarded) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        error?.Throw();
        cancel.ThrowIfCancellationRequested();
        // In plan order; a search's plan grew while it ran.
        var order = sweeper.Runs.Select((r, i) => (r.DirectoryName, i)).ToDictionary(p => p.DirectoryName, p => p.i);
        return outcomes.OrderBy(o => order.GetValueOrDefault(o.Key, int.MaxValue)).Select(o => o.Value).ToList();
    }
}
