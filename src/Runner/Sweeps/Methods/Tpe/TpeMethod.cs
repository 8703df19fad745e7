using Runner.Reporting;
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
        var search = TpeSweeper.SearchOf(experiment);
        if (tpe.Race is { } race)
            yield return $"Every trial races the incumbent (the best trial so far by seed mean) over seeds: seeds 1..{race.First}, then one more a round up to {race.MaxSeeds} " +
                         $"unless a one-sided paired t-test finds it worse at alpha {Text.Numbers.Brief(race.Alpha)}; TPE learns from each trial's seed mean, the next trial is proposed once the last one's race is over, and open runs may not be needed.";
        else if (search.Seeds > 1) yield return $"Every trial trains on seeds 1..{search.Seeds}; TPE learns from their mean, and a configuration and seed already run is not trained again.";
        if (tpe.WarmStart.Count > 0) yield return $"Warm start from {string.Join(", ", tpe.WarmStart)}: their finished runs in this space are observations, and a run of the same configuration and seed is copied instead of trained.";
        yield return $"A TPE search of {tpe.Trials} trials: the first {Math.Min(tpe.Startup, tpe.Trials)} {(tpe.StartupSampler == TpeSpec.Sobol ? "from a scrambled Sobol' sequence" : "at random")}, each later one proposed from the finished results on {Objectives(experiment)}; " +
                     (KnownTrials(known) < tpe.Trials ? $"{KnownTrials(known)} known so far, open: trials {KnownTrials(known) + 1}..{tpe.Trials}" : "all proposed");
    }

    static int KnownTrials(IReadOnlyList<PlannedRun> known) => known.Select(TpeSpec.TrialOf).Distinct().Count();

    static string Objectives(LoadedExperiment experiment) => MultiObjective.Of(experiment) is { Count: > 0 } objectives
        ? $"{string.Join(" and ", objectives.Select(o => $"{o.Name} ({o.Direction})"))} (multi-objective TPE)"
        : experiment.Runs[0].Experiment.Report.Metric;

    /// <summary>With a race: a trial's seeds past those its race has given are open, and past those of a trial stopped early, not needed.</summary>
    public (string State, bool Needed) NotStarted(LoadedExperiment experiment, PlannedRun run, IReadOnlyList<JournalEntry> journal)
    {
        if (TpeSweeper.SearchOf(experiment).Spec.Race is not { } race) return ("new", true);
        int seed = TrialSeeds.SeedOf(run);
        int trial = TpeSpec.TrialOf(run);
        if (!SearchRaceJournal.LastRounds(journal).TryGetValue(trial, out var last)) return seed <= race.First ? ("new", true) : ("open (race)", true);
        if (seed <= SearchRaceJournal.Given(SearchRaceJournal.Rounds(journal))[trial]) return ("new", true);
        return last.StoppedEarly ? ("not needed (stopped early)", false) : ("open (race)", true);
    }

    public string? NotFused => "a TPE search trains each run alone";
    public bool SharedByWorkers => true;
    public string Decides => "a TPE search proposes each trial from the finished ones";

    // The random startup trials can all run at once.
    // With a race, the first round of the first trial.
    public int Workers(LoadedExperiment experiment) => TpeSweeper.SearchOf(experiment).Spec.Race is { } race ? race.First : experiment.Runs.Count;

    public bool Decided(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path)
    {
        int trials = TpeSweeper.SearchOf(experiment).Spec.Trials;
        return TpeJournal.Proposals(journal, path).Count >= trials
            && (TpeSweeper.SearchOf(experiment).Spec.Race is null || SearchRaceJournal.LastRounds(journal, path).TryGetValue(trials, out var last) && last.Stop is not null);
    }

    public IEnumerable<string> Decisions(IReadOnlyList<JournalEntry> journal, string path)
    {
        var proposals = TpeJournal.Proposals(journal, path);
        if (proposals.Count == 0) yield break;
        int startup = proposals.Count(p => p.Startup);
        var samplers = string.Join(" and ", proposals.Where(p => p.Startup).Select(p => p.Sampler).Distinct());
        var last = proposals[^1];
        yield return $"  search: {proposals.Count} trials proposed ({startup} {(samplers is "" or TpeJournal.Random ? "at random" : $"by {samplers}")}, {proposals.Count - startup} by TPE); last, trial {last.Trial}: " +
                     string.Join(", ", last.Values.Where(p => p.Value != "").Select(p => $"{p.Key}={p.Value}")); // a branch not taken records nothing
        var rounds = SearchRaceJournal.LastRounds(journal, path);
        if (rounds.Count == 0) yield break;
        var early = rounds.Values.Where(r => r.StoppedEarly).OrderBy(r => r.Trial).Select(r => $"trial {r.Trial} after {r.Seeds} seeds").ToList();
        var incumbent = rounds.Values.Where(r => r.Stop is not null).MaxBy(r => r.Trial)?.Stop?.Subject;
        var open = rounds.Values.FirstOrDefault(r => r.Stop is null);
        yield return $"  race: {rounds.Count} trials raced; stopped early: {(early.Count == 0 ? "none" : string.Join(", ", early))}" +
                     (incumbent is null ? "" : $"; incumbent: {incumbent}") + (open is null ? "" : $"; racing: trial {open.Trial} after {open.Seeds} seeds");
    }

    // A trial on a configuration an earlier trial has trains no run of its own: its folder name ends in the same config hash.
    public IEnumerable<string> Proposed(IReadOnlyList<JournalEntry> journal, string path) =>
        TpeJournal.Proposals(journal, path).Select(p => p.Run).DistinctBy(run => run[(run.LastIndexOf('-') + 1)..]);

    public IEnumerable<IReportPart> ReportParts { get; } = [new WarmStartSection(), new SearchRaceSection()];
}
