using Runner.Results;
using Runner.Planning;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// What runs, as opposed to where it runs (Hydra's Sweeper/Launcher split). A sweeper decides which runs
/// exist and which start next, from the results so far, and whether a run in progress is pruned.
/// A launcher (<see cref="Launchers.ILauncher"/>: threads in this process, shard processes, a Slurm job
/// array) decides where they execute; all end in the same per-unit code, <see cref="RunExecution"/>.
/// </summary>
public interface ISweeper : IPruner
{
    /// <summary>Every run of the sweep known so far, in plan order. A fixed plan knows them all from the
    /// start; an adaptive method may add runs as results come in.</summary>
    IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>How many runs the sweep will have in all (a search knows its trial count before it has proposed them).</summary>
    int Planned => Runs.Count;

    /// <summary>The runs the sweep needed, for its records and report: all it knows, but a race's eliminated seeds, which never run.</summary>
    IReadOnlyList<PlannedRun> Needed => Runs;

    /// <summary>The runs this invocation is responsible for that had already ended before it started.</summary>
    IReadOnlyList<PlannedRun> AlreadyEnded { get; }

    /// <summary>The next run to start, or null when this invocation has nothing more to start. Called
    /// from several launcher threads at once; an adaptive method may block here until results decide.</summary>
    PlannedRun? Next();

    /// <summary>The fused array <paramref name="run"/> leads (it first), which Next() then skips; null when it trains alone (docs/architecture.md, fused training).</summary>
    IReadOnlyList<PlannedRun>? GroupOf(PlannedRun run) => null;

    /// <summary>A run ended (here, or in another process whose results this one read).</summary>
    void Ended(PlannedRun run, RunOutcome outcome);

    /// <summary>The launcher stops (an interruption, --fail-fast, an error): a sweeper blocked in Next() returns null.</summary>
    void Stop() { }
}
