using System.Globalization;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// A search's entries in the decision journal, read as typed proposals: the journal keys each by its question
/// ("propose trial 4", as every search since the first has written it), and this is the one place that writes
/// and reads that key; the sweeper, `status`, `plan`, `submit` and the report see <see cref="Proposal"/>s.
/// </summary>
public static class TpeJournal
{
    const string Prefix = "propose trial ";

    /// <summary>What each proposal's <see cref="Decision.Sampler"/> says drew it.</summary>
    public const string Random = "random", Tpe = "tpe";

    // Journals written before proposals named their sampler say so only in the reason's wording.
    const string LegacyStartupReason = "random (startup trial ";

    public static string Question(int trial) => Prefix + trial.ToString(CultureInfo.InvariantCulture);

    /// <summary>Trial <paramref name="trial"/>'s proposal as the journal keeps it.</summary>
    public static Decision Decision(int trial, string run, string sampler, string reason, IReadOnlyDictionary<string, string> values) =>
        new(Adaptive.Decision.Propose, run, reason, Parameters: values, Sampler: sampler);

    /// <summary>
    /// The proposals in a journal, trial 1, 2, ... in order (the first answer to each question, as the journal
    /// keeps it); a number that is not the next one, or an answer that is not one proposal of a plain run folder
    /// name with its axis values, is refused.
    /// </summary>
    public static IReadOnlyList<Proposal> Proposals(IReadOnlyList<JournalEntry> journal, string path = DecisionJournal.FileName)
    {
        var proposals = new List<Proposal>();
        foreach (var entry in journal.Where(e => e.Question.StartsWith(Prefix, StringComparison.Ordinal)).DistinctBy(e => e.Question))
        {
            int next = proposals.Count + 1;
            if (entry.Question != Question(next))
                throw new DecisionJournalException(path, null, $"'{entry.Question}' is not the next proposal (expected '{Question(next)}')");
            proposals.Add(Read(entry.Decisions, next, path));
        }
        return proposals;
    }

    /// <summary>The one proposal of an answer, with its axis values, a sampler Runner names (a planted one was counted as
    /// random) and a run folder name (a plain name: status reads that folder).</summary>
    public static Proposal Read(IReadOnlyList<Decision> answer, int trial, string path) =>
        answer.Count(d => d.Kind == Adaptive.Decision.Propose) == 1 && answer.Single(d => d.Kind == Adaptive.Decision.Propose) is { Parameters: { } values } proposal
        && proposal.Sampler is null or Random or TpeSpec.Sobol or Tpe
        && proposal.Subject == Path.GetFileName(proposal.Subject) && !proposal.Subject.StartsWith('.') && proposal.Subject.Length > 0
            ? new Proposal(trial, proposal.Subject, proposal.Sampler ?? (proposal.Reason.StartsWith(LegacyStartupReason, StringComparison.Ordinal) ? Random : Tpe),
                values, proposal.Reason)
            : throw new DecisionJournalException(path, null, $"the answer to '{Question(trial)}' is not one proposal of a run folder with its axis values");
}

/// <summary>Trial <paramref name="Trial"/>'s run folder, the sampler that drew it, its axis values and why.</summary>
public sealed record Proposal(int Trial, string Run, string Sampler, IReadOnlyDictionary<string, string> Values, string Reason)
{
    /// <summary>A random startup trial (else TPE's).</summary>
    public bool Startup => Sampler != TpeJournal.Tpe;
}
