using System.Globalization;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;
using Runner.Text;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// `race:` beside `tpe:`: the search's trials race, one after another, against the incumbent (the trial with the best
/// seed mean so far). A trial starts with seeds 1..first; after each round <see cref="RaceRound"/> compares it with
/// the incumbent on their shared seeds (the incumbent gets the seeds it lacks first). A challenger significantly worse
/// stops there (no more seeds); one better or not distinguishable gets one more seed, up to max_seeds, and then the
/// better mean on those seeds is the incumbent. The first trial is the incumbent after its first seeds. Each round's
/// answer is journaled before it takes effect (<see cref="SearchRaceJournal"/>), so a resumed search replays it; the
/// next trial is proposed only once the last one's race is over, so the decisions do not depend on --jobs.
/// </summary>
public sealed class SearchRace(RaceSpec spec, DecisionJournal journal, string metric, bool maximize)
{
    readonly Dictionary<int, int> _seeds = new(); // trial -> seeds given

    public RaceSpec Spec => spec;

    /// <summary>Trials 1..Over have ended their race.</summary>
    public int Over { get; private set; }

    public int? Incumbent { get; private set; }

    /// <summary>How many seeds a trial has been given (0: none yet).</summary>
    public int SeedsOf(int trial) => _seeds.GetValueOrDefault(trial);

    /// <summary>The (trial, seed) pairs the next round of trial <paramref name="trial"/> (<see cref="Over"/> + 1) needs: its seeds and the incumbent's, 1..round.</summary>
    public IReadOnlyList<(int Trial, int Seed)> Round(int trial)
    {
        int seeds = Math.Max(SeedsOf(trial), spec.First);
        _seeds[trial] = seeds;
        if (Incumbent is { } incumbent) _seeds[incumbent] = Math.Max(SeedsOf(incumbent), seeds);
        return [.. Enumerable.Range(1, seeds).Select(s => (trial, s)), .. Incumbent is { } i ? Enumerable.Range(1, seeds).Select(s => (i, s)) : []];
    }

    /// <summary>Decides the round <see cref="Round"/> asked for, once every run of it has ended (<paramref name="valueOf"/>: a trial's final value on a seed, NaN when none).</summary>
    public void Decide(int trial, Func<int, int, double> valueOf)
    {
        int seeds = SeedsOf(trial);
        var answer = journal.Decide(SearchRaceJournal.Question(trial, seeds), () => Answer(trial, seeds, valueOf));
        var end = SearchRaceJournal.Read(answer, trial, seeds, journal.FilePath);
        if (end is null)
        {
            if (seeds >= spec.MaxSeeds) throw new DecisionJournalException(journal.FilePath, null, $"'{SearchRaceJournal.Question(trial, seeds)}' does not end trial {trial}'s race at max_seeds {spec.MaxSeeds}");
            _seeds[trial] = seeds + 1;
            return;
        }
        Incumbent = end.Value;
        Over = trial;
    }

    IReadOnlyList<Decision> Answer(int trial, int seeds, Func<int, int, double> valueOf)
    {
        Entrant Of(int t) => new(SearchRaceJournal.Label(t), Enumerable.Range(1, seeds).Select(s => valueOf(t, s)).ToList());
        if (Incumbent is not { } incumbent)
            return [new Decision(Decision.Survive, SearchRaceJournal.Label(trial), $"the first trial: the incumbent after {seeds} seeds", Finite(Of(trial))),
                    new Decision(Decision.Stop, SearchRaceJournal.Label(trial), "the first trial is the incumbent")];
        var champion = Of(incumbent);
        var challenger = Of(trial);
        var decided = RaceRound.Decide([champion, challenger], maximize, spec, seeds, metric)
            .Where(d => d.Kind != Decision.Stop).ToList();
        bool challengerOut = decided.Any(d => d.Kind == Decision.Eliminate && d.Subject == challenger.Label);
        bool championOut = decided.Any(d => d.Kind == Decision.Eliminate && d.Subject == champion.Label);
        if (challengerOut)
            return [.. decided, new Decision(Decision.Stop, champion.Label, $"{challenger.Label} stopped early after {seeds} seeds: " +
                (decided.First(d => d.Subject == challenger.Label).Reason) + $"; {champion.Label} stays the incumbent")];
        if (seeds < spec.MaxSeeds) return decided;
        double sign = maximize ? 1 : -1;
        bool takesOver = championOut || sign * challenger.Mean > sign * champion.Mean;
        var winner = takesOver ? challenger : champion;
        return [.. decided, new Decision(Decision.Stop, winner.Label,
            $"{challenger.Label} ran all {seeds} seeds: mean {metric} {Numbers.Brief(challenger.Mean)} against {Numbers.Brief(champion.Mean)} of {champion.Label}; {winner.Label} is the incumbent")];
    }

    static double? Finite(Entrant e) => double.IsFinite(e.Mean) ? e.Mean : null;
}

/// <summary>
/// A search race's entries in the decision journal ("race trial 4 after 3 seeds"), read as typed rounds: this is the one
/// place that writes and reads that key. A round's answer keeps or eliminates the trial and the incumbent, and its stop
/// (when it ends the trial's race) names the incumbent after it.
/// </summary>
public static class SearchRaceJournal
{
    const string Prefix = "race trial ", LabelPrefix = "trial ";

    public static string Question(int trial, int seeds) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{trial} after {seeds} seeds");

    /// <summary>How a trial is named in the decisions.</summary>
    public static string Label(int trial) => LabelPrefix + trial.ToString(CultureInfo.InvariantCulture);

    /// <summary>The incumbent after the round when it ends the trial's race, else null; an answer that is not that is refused (the journal may not be Runner's).</summary>
    public static int? Read(IReadOnlyList<Decision> answer, int trial, int seeds, string path)
    {
        var stops = answer.Where(d => d.Kind == Decision.Stop).ToList();
        string? problem = answer.Any(d => d.Kind is not (Decision.Survive or Decision.Eliminate or Decision.Stop)) ? "answers with something other than keeping, eliminating or stopping"
            : stops.Count > 1 ? "stops more than once"
            : stops.Count == 1 && TrialOf(stops[0].Subject) is null ? $"names '{stops[0].Subject}' as the incumbent, which is not a trial"
            : stops.Count == 1 && TrialOf(stops[0].Subject) > trial ? $"names a later trial, {stops[0].Subject}, as the incumbent"
            : null;
        if (problem is not null) throw new DecisionJournalException(path, null, $"'{Question(trial, seeds)}' {problem}");
        return stops.Count == 1 ? TrialOf(stops[0].Subject) : null;
    }

    static int? TrialOf(string label) =>
        label.StartsWith(LabelPrefix, StringComparison.Ordinal) && int.TryParse(label[LabelPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t > 0 ? t : null;

    /// <summary>One round as journaled: the trial, the seeds it was decided on, and the entry.</summary>
    public sealed record RoundEntry(int Trial, int Seeds, JournalEntry Entry)
    {
        public Decision? Stop => Entry.Decisions.FirstOrDefault(d => d.Kind == Decision.Stop);

        /// <summary>The trial stopped early: eliminated before max_seeds.</summary>
        public bool StoppedEarly => Entry.Decisions.Any(d => d.Kind == Decision.Eliminate && d.Subject == Label(Trial));
    }

    /// <summary>The rounds in a journal, in the order answered; a key without a trial and seeds is refused.</summary>
    public static IReadOnlyList<RoundEntry> Rounds(IReadOnlyList<JournalEntry> journal, string path = DecisionJournal.FileName) =>
        journal.Where(e => e.Question.StartsWith(Prefix, StringComparison.Ordinal)).DistinctBy(e => e.Question)
            .Select(e => e.Question[Prefix.Length..].Split(' ') is [var t, "after", var s, "seeds"]
                && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int trial)
                && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int seeds)
                ? new RoundEntry(trial, seeds, e)
                : throw new DecisionJournalException(path, null, $"'{e.Question}' names no trial and number of seeds"))
            .ToList();

    /// <summary>The seeds each trial has been given: those of its own last round, or more when a later trial raced it as the incumbent.</summary>
    public static IReadOnlyDictionary<int, int> Given(IReadOnlyList<RoundEntry> rounds)
    {
        var given = new Dictionary<int, int>();
        foreach (var round in rounds)
            foreach (var trial in round.Entry.Decisions.Where(d => d.Kind != Decision.Stop).Select(d => TrialOf(d.Subject)).OfType<int>().Append(round.Trial))
                given[trial] = Math.Max(given.GetValueOrDefault(trial), round.Seeds);
        return given;
    }

    /// <summary>Each trial's last round so far (its race's end, or where it stands), by trial.</summary>
    public static IReadOnlyDictionary<int, RoundEntry> LastRounds(IReadOnlyList<JournalEntry> journal, string path = DecisionJournal.FileName) =>
        Rounds(journal, path).GroupBy(r => r.Trial).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Seeds)!);
}
