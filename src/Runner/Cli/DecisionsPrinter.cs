using Runner.Text;
using System.Globalization;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Racing;
using Runner.Sweeps.Search;

namespace Runner.Cli;

/// <summary>
/// What an adaptive sweep has decided so far and what is still open, from its decision journal: the
/// lines under `runner plan` and `runner status`.
/// </summary>
public static class DecisionsPrinter
{
    public static IReadOnlyList<string> Lines(string folder)
    {
        var journal = DecisionJournal.Read(folder);
        var path = Path.Combine(folder, DecisionJournal.FileName);
        if (journal.Count == 0) return [];
        var lines = new List<string> { $"Decided so far ({DecisionJournal.FileName}, {journal.Count} entries):" };

        var verdicts = journal.Where(e => e.Question.StartsWith("prune ", StringComparison.Ordinal)).SelectMany(e => e.Decisions).ToList();
        if (verdicts.Count > 0)
            lines.Add($"  pruning: {verdicts.Count(d => d.Kind == Decision.Prune)} runs pruned, {verdicts.Count(d => d.Kind == Decision.Promote)} promotions at a rung");

        var proposals = TpeSweeper.Proposals(journal, path);
        if (proposals.Count > 0)
        {
            int random = proposals.Count(p => TpeSweeper.IsStartup(p.Proposal));
            var (trial, last) = proposals.MaxBy(p => p.Trial);
            lines.Add($"  search: {proposals.Count} trials proposed ({random} at random, {proposals.Count - random} by TPE); last, trial {trial}: " +
                      string.Join(", ", (last.Parameters ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}")));
        }

        var rounds = RacingSweeper.Rounds(journal, path);
        foreach (var (seeds, entry) in rounds)
        {
            var outs = entry.Decisions.Where(d => d.Kind == Decision.Eliminate)
                .Select(d => d.PValue is { } p ? $"{d.Subject} (p {Numbers.PValue(p)})" : d.Subject).ToList();
            var still = entry.Decisions.Where(d => d.Kind == Decision.Survive).Select(d => d.Subject).ToList();
            lines.Add($"  race after {seeds} seeds: " + (outs.Count > 0 ? $"eliminated {string.Join(", ", outs)}" : "nobody eliminated") +
                      $"; in: {string.Join(", ", still)}");
        }
        if (rounds.Count > 0)
        {
            var (seeds, last) = rounds[^1];
            var stop = last.Decisions.FirstOrDefault(d => d.Kind == Decision.Stop);
            lines.Add(stop is not null
                ? $"  race over: {stop.Reason}"
                : $"Open: seed {seeds + 1} of {string.Join(", ", last.Decisions.Where(d => d.Kind == Decision.Survive).Select(d => d.Subject))}, then the next round");
        }
        return lines;
    }

    /// <summary>The configurations a race has eliminated so far (their remaining seeds will not run).</summary>
    public static IReadOnlySet<string> Eliminated(string folder) =>
        RacingSweeper.Rounds(DecisionJournal.Read(folder), Path.Combine(folder, DecisionJournal.FileName)).SelectMany(r => r.Entry.Decisions)
            .Where(d => d.Kind == Decision.Eliminate).Select(d => d.Subject).ToHashSet();
}
