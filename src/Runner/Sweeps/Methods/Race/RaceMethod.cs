using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Reporting;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// `race:`: the configurations race over seeds (<see cref="RacingSweeper"/>), each round journaled
/// (<see cref="RaceJournal"/>); its workers share the journal, and its report adds the rounds (<see cref="RaceSection"/>).
/// </summary>
public sealed class RaceMethod : ISweepMethod
{
    public ISweepSection? Section { get; } = new RaceConfig();
    public bool Runs(ISweepMethodSpec? spec) => spec is RaceSpec;
    public string Noun => "race";

    static RaceSpec SpecOf(LoadedExperiment experiment) => (RaceSpec)experiment.Method!;

    public ISweeper Sweeper(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries) =>
        new RacingSweeper(experiment, folder, SpecOf(experiment));

    public void CheckJournal(LoadedExperiment experiment, ExperimentFolder folder) =>
        RacingSweeper.Check(experiment, SpecOf(experiment), DecisionJournal.Read(folder.Path), folder.DecisionsFile);

    public string? Resumed(ISweeper sweeper) => sweeper.AlreadyEnded.Count == 0 ? null
        : $"{sweeper.AlreadyEnded.Count} runs of the race already ended; it goes on from the decisions in {DecisionJournal.FileName}";

    /// <summary>A seed every survivor runs for certain (the first round's, or the round after the last one decided) is new;
    /// a later one is open: the race may end before it.</summary>
    public (string State, bool Needed) NotStarted(LoadedExperiment experiment, PlannedRun run, IReadOnlyList<JournalEntry> journal)
    {
        var rounds = RaceJournal.Rounds(journal);
        if (RaceJournal.Eliminated(rounds).Contains(RacingSweeper.LabelOf(run))) return ("not needed (eliminated)", false);
        int certain = rounds.Count == 0 ? SpecOf(experiment).First : rounds[^1].Seeds + (rounds[^1].Stop is null ? 1 : 0);
        return RacingSweeper.SeedOf(run) <= certain ? ("new", true) : ("open (race)", true);
    }

    public IEnumerable<string> Describe(LoadedExperiment experiment, IReadOnlyList<PlannedRun> known)
    {
        var race = SpecOf(experiment);
        yield return $"A race: every configuration runs seeds 1..{race.First}, then only the survivors get more, up to {race.MaxSeeds}; open runs may not be needed";
    }

    public string? NotFused => "a race trains each run alone";
    public bool SharedByWorkers => true;
    public string Decides => "a race decides which seeds run from the results of each round";

    // The first round: every configuration's first seeds.
    public int Workers(LoadedExperiment experiment) => RacingSweeper.Configurations(experiment.Runs).Count * SpecOf(experiment).First;

    public bool Decided(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path) =>
        RaceJournal.Rounds(journal, path) is { Count: > 0 } rounds && rounds[^1].Stop is not null;

    public IReadOnlyList<(int Seeds, JournalEntry Entry)> Rounds(IReadOnlyList<JournalEntry> journal, string path) =>
        RaceJournal.Rounds(journal, path).Select(r => (r.Seeds, r.Entry)).ToList();

    public IEnumerable<string> Decisions(IReadOnlyList<JournalEntry> journal, string path)
    {
        var rounds = RaceJournal.Rounds(journal, path);
        var problems = AuditedRace.ProblemsIn(Path.GetDirectoryName(Path.GetFullPath(path))!, rounds);
        if (problems.Count > 0) yield return "  warning: " + RaceAudit.Summary(problems);
        foreach (var round in rounds)
        {
            var outs = round.Eliminated.Select(d => d.PValue is { } p ? $"{d.Subject} (p {Text.Numbers.PValue(p)})" : d.Subject).ToList();
            yield return $"  race after {round.Seeds} seeds: " + (outs.Count > 0 ? $"eliminated {string.Join(", ", outs)}" : "nobody eliminated") +
                         $"; in: {string.Join(", ", round.Survivors.Select(d => d.Subject))}";
        }
        if (rounds.Count == 0) yield break;
        var last = rounds[^1];
        yield return last.Stop is { } stop
            ? problems.Count > 0 ? $"  race over by the journal only, which the results contradict (see the warning)" : $"  race over: {stop.Reason}"
            : $"Open: seed {last.Seeds + 1} of {string.Join(", ", last.Survivors.Select(d => d.Subject))}, then the next round";
    }

    public IEnumerable<IReportPart> ReportParts { get; } = [new RaceSection()];
}
