using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Reporting;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods;

/// <summary>
/// A sweep method (the fixed plan of grid and random, a race, a TPE search): one folder under Sweeps/Methods,
/// registered in <see cref="SweepMethods"/>. It owns everything that differs between methods, so the runner,
/// the commands, `status` and the report never ask which one they hold: its `sweep:` section, its sweeper,
/// its journal's entries, what `plan` and `status` say about it, its report parts, and how `submit` shares it.
/// docs/architecture.md, "How to add a sweep method".
/// </summary>
public interface ISweepMethod
{
    /// <summary>Its key under `sweep:` and how it is read; null for the fixed plan (a sweep without a method's section).</summary>
    ISweepSection? Section { get; }

    /// <summary>Whether this method runs an experiment whose plan carries <paramref name="spec"/> (null: no method's section).</summary>
    bool Runs(ISweepMethodSpec? spec);

    /// <summary>How `plan`, `run` and `submit` name it ("race", "TPE search"), after "a"/"the".</summary>
    string Noun { get; }

    /// <summary>The sweeper of one invocation: which runs exist and which start next.</summary>
    ISweeper Sweeper(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries);

    /// <summary>Refuses, writing nothing, a decision journal it could not go on from (`run`, `plan` and `submit` ask first).</summary>
    void CheckJournal(LoadedExperiment experiment, ExperimentFolder folder) { }

    /// <summary>What `run` says when some runs had ended before it started; null to say nothing.</summary>
    string? Resumed(ISweeper sweeper) => null;

    // `runner plan`

    /// <summary>The runs known now without running anything (a search: its startup trials and those journaled).</summary>
    IReadOnlyList<PlannedRun> Known(LoadedExperiment experiment, ExperimentFolder folder) => experiment.Runs;

    /// <summary>The plan's state of a run that has not started ("new"): a race's "open", or "not needed" (then it costs nothing).</summary>
    (string State, bool Needed) NotStarted(LoadedExperiment experiment, PlannedRun run, IReadOnlyList<JournalEntry> journal) => ("new", true);

    /// <summary>The lines `plan` prints about the method under the table.</summary>
    IEnumerable<string> Describe(LoadedExperiment experiment, IReadOnlyList<PlannedRun> known) => [];

    /// <summary>Why it trains every run alone instead of in fused arrays; null when fused arrays may train its runs.</summary>
    string? NotFused => null;

    // `runner run --shard`, `--only` and `runner submit`

    /// <summary>
    /// Whether its processes share one decision journal as equal workers (each takes the next run none of the
    /// others has) rather than split a fixed plan: then `--shard i/n` is a worker, `--only` is refused and
    /// `submit` starts <see cref="Workers"/>.
    /// </summary>
    bool SharedByWorkers => false;

    /// <summary>Why `--only` (one run of a plan) is refused, for the message: "a race decides which seeds run ...".</summary>
    string Decides => "";

    /// <summary>How many workers `submit` starts when --max-parallel doesn't say: as many as can run at once at the start.</summary>
    int Workers(LoadedExperiment experiment) => experiment.Runs.Count;

    /// <summary>
    /// How `submit` shares it between processes that share only the results folder: one per run not yet done or
    /// pruned (a plan known in advance; failed runs are retried), or <see cref="Workers"/> equal workers when
    /// <see cref="SharedByWorkers"/>. The launcher starts them (docs/architecture.md, "A launcher").
    /// </summary>
    WorkShare Share(LoadedExperiment experiment, ExperimentFolder folder)
    {
        if (SharedByWorkers) return WorkShare.EqualWorkers(Workers(experiment));
        var (pending, ended, _) = RunSelection.All.Split(experiment, folder, retryFailed: true);
        return WorkShare.PerRun(pending, ended.Count);
    }

    /// <summary>Whether it has decided everything it will (a race stopped, a search proposed all its trials).</summary>
    bool Decided(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path) => false;

    // `runner status` and the report, from the results folder alone: each method answers only for its own entries.

    /// <summary>The lines `status` and `plan` print about its decisions so far; none for a journal without its entries.</summary>
    IEnumerable<string> Decisions(IReadOnlyList<JournalEntry> journal, string path) => [];

    /// <summary>
    /// Its decisions by round, each with the number of seeds it was decided on (a race's rounds), for `runner
    /// serve`'s race-by-round view; none for a method without rounds or a journal without its entries.
    /// </summary>
    IReadOnlyList<(int Seeds, JournalEntry Entry)> Rounds(IReadOnlyList<JournalEntry> journal, string path) => [];

    /// <summary>Runs its journal names that the last plan (sweep.json) may not list yet (a search's proposals).</summary>
    IEnumerable<string> Proposed(IReadOnlyList<JournalEntry> journal, string path) => [];

    /// <summary>Its sections and charts of a sweep's report; each answers only for a sweep of this method.</summary>
    IEnumerable<IReportPart> ReportParts => [];
}
