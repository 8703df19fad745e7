using System.Globalization;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// A race's entries in the decision journal, read as typed rounds: the journal keys each round by its
/// question ("race after 3 seeds", as every race since the first has written it), and this is the one place
/// that writes and reads that key; the rest of the race, `status`, `plan`, `submit` and the report see
/// <see cref="RoundAnswer"/>s.
/// </summary>
public static class RaceJournal
{
    const string Prefix = "race after ";

    /// <summary>The question a round answers: who is out once every survivor has run <paramref name="seeds"/> seeds.</summary>
    public static string Question(int seeds) => $"{Prefix}{seeds.ToString(CultureInfo.InvariantCulture)} seeds";

    /// <summary>The race's rounds in a journal, in the order answered; a round key without a number is refused.</summary>
    public static IReadOnlyList<RoundAnswer> Rounds(IReadOnlyList<JournalEntry> journal, string path = DecisionJournal.FileName) =>
        journal.Where(e => e.Question.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(e => int.TryParse(e.Question[Prefix.Length..].Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int seeds)
                ? new RoundAnswer(seeds, e)
                : throw new DecisionJournalException(path, null, $"'{e.Question}' names no number of seeds"))
            .ToList();

    /// <summary>Every configuration eliminated so far (their remaining seeds never run).</summary>
    public static IReadOnlySet<string> Eliminated(IReadOnlyList<RoundAnswer> rounds) =>
        rounds.SelectMany(r => r.Eliminated).Select(d => d.Subject).ToHashSet();
}

/// <summary>One round of a race: the seeds it was decided on, and its answer as journaled.</summary>
public sealed record RoundAnswer(int Seeds, JournalEntry Entry)
{
    public IReadOnlyList<Decision> Decisions => Entry.Decisions;
    public IEnumerable<Decision> Eliminated => Decisions.Where(d => d.Kind == Decision.Eliminate);
    public IEnumerable<Decision> Survivors => Decisions.Where(d => d.Kind == Decision.Survive);

    /// <summary>The race's end, when this round ended it.</summary>
    public Decision? Stop => Decisions.FirstOrDefault(d => d.Kind == Decision.Stop);
}
