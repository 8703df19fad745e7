using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// `tpe:`: a search that proposes each trial from the finished ones (<see cref="TpeSweeper"/>), every proposal
/// journaled (<see cref="TpeJournal"/>); its workers share the journal. Its report charts are the report's own
/// search charts (they read `tpe:` in experiment.yaml).
/// </summary>
public sealed class TpeMethod : ISweepMethod
{
    public ISweepSection? Section { get; } = new TpeConfig();
    public bool Runs(ISweepMethodSpec? spec) => spec is TpeSearch;
    public string Noun => "TPE search";

    public ISweeper Sweeper(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries) =>
        new TpeSweeper(experiment, folder, options.RetryFailed);

    public void CheckJournal(LoadedExperiment experiment, ExperimentFolder folder) =>
        TpeSweeper.Check(experiment, DecisionJournal.Read(folder.Path), folder.DecisionsFile);

    public string? Resumed(ISweeper sweeper) => sweeper.AlreadyEnded.Count == 0 ? null
        : $"{sweeper.AlreadyEnded.Count} trials of the search already ended; it goes on from the proposals in {DecisionJournal.FileName}";

    public IReadOnlyList<PlannedRun> Known(LoadedExperiment experiment, ExperimentFolder folder) => TpeSweeper.Known(experiment, folder.Path);

    public IEnumerable<string> Describe(LoadedExperiment experiment, IReadOnlyList<PlannedRun> known)
    {
        var tpe = TpeSweeper.SearchOf(experiment).Spec;
        yield return $"A TPE search of {tpe.Trials} trials: the first {Math.Min(tpe.Startup, tpe.Trials)} {(tpe.StartupSampler == TpeSpec.Sobol ? "from a scrambled Sobol' sequence" : "at random")}, each later one proposed from the finished results on {Objectives(experiment)}; " +
                     (known.Count < tpe.Trials ? $"{known.Count} known so far, open: trials {known.Count + 1}..{tpe.Trials}" : "all proposed");
    }

    static string Objectives(LoadedExperiment experiment) => MultiObjective.Of(experiment) is { Count: > 0 } objectives
        ? $"{string.Join(" and ", objectives.Select(o => $"{o.Name} ({o.Direction})"))} (multi-objective TPE)"
        : experiment.Runs[0].Experiment.Report.Metric;

    public string? NotFused => "a TPE search trains each run alone";
    public bool SharedByWorkers => true;
    public string Decides => "a TPE search proposes each trial from the finished ones";

    // The random startup trials can all run at once.
    public int Workers(LoadedExperiment experiment) => experiment.Runs.Count;

    public bool Decided(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path) =>
        TpeJournal.Proposals(journal, path).Count >= TpeSweeper.SearchOf(experiment).Spec.Trials;

    public IEnumerable<string> Decisions(IReadOnlyList<JournalEntry> journal, string path)
    {
        var proposals = TpeJournal.Proposals(journal, path);
        if (proposals.Count == 0) yield break;
        int startup = proposals.Count(p => p.Startup);
        var samplers = string.Join(" and ", proposals.Where(p => p.Startup).Select(p => p.Sampler).Distinct());
        var last = proposals[^1];
        yield return $"  search: {proposals.Count} trials proposed ({startup} {(samplers is "" or TpeJournal.Random ? "at random" : $"by {samplers}")}, {proposals.Count - startup} by TPE); last, trial {last.Trial}: " +
                     string.Join(", ", last.Values.Select(p => $"{p.Key}={p.Value}"));
    }

    public IEnumerable<string> Proposed(IReadOnlyList<JournalEntry> journal, string path) => TpeJournal.Proposals(journal, path).Select(p => p.Run);
}
