using System.Security.Cryptography;
using System.Text;

namespace Runner.Sweeps.Adaptive;

/// <summary>
/// Which experiment a decision journal's answers were made for. The first process of an adaptive sweep
/// journals a fingerprint of its fixed part (a race: every configuration's resolved config, through the
/// run folders of its first seeds; a search: its random startup trials and its declared space); every
/// later process (a resume, another worker, a requeued Slurm task) must bring the same one. An edited
/// experiment would otherwise act on decisions made from other results, or share a search with workers
/// of the old file. What may change freely is left out: a race's max_seeds, a search's trial count.
/// </summary>
public static class SweepIdentity
{
    const string Question = "sweep";
    const string Kind = "experiment";

    /// <summary>Journals this experiment's fingerprint if the journal has none, and refuses a journal made for another one.</summary>
    public static void Claim(DecisionJournal journal, Fingerprint identity)
    {
        journal.Decide(Question, () => [new Decision(Kind, identity.Value, $"the decisions of this {identity.What}")]);
        Verify(journal.Entries, identity, journal.FilePath);
    }

    /// <summary>Refuses (without writing) a journal made for another experiment; `runner plan` checks this way.</summary>
    public static void Verify(IReadOnlyList<JournalEntry> journal, Fingerprint identity, string path)
    {
        var claim = journal.FirstOrDefault(e => e.Question == Question);
        if (claim is null) return; // a journal from before fingerprints (or none yet): the first process claims it
        var claimed = claim.Decisions.FirstOrDefault(d => d.Kind == Kind)?.Subject;
        if (claimed != identity.Value)
            throw new DecisionJournalException(path, null,
                $"its decisions were made for another version of this {identity.What} (fingerprint {claimed ?? "none"}; the experiment file now gives {identity.Value}): " +
                "the configurations, the search space or the random startup trials changed since. Restore the file as it was to go on");
    }
}

/// <param name="What">How to name the experiment in the journal and in messages ("race of optimizers").</param>
public sealed record Fingerprint(string Value, string What)
{
    /// <param name="parts">The fixed part of the sweep, in a stable order.</param>
    public static Fingerprint Of(IEnumerable<string> parts, string what) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16], what);
}
