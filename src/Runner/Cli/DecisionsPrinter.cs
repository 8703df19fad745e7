using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods;

namespace Runner.Cli;

/// <summary>
/// What an adaptive sweep has decided so far and what is still open, from its decision journal: the
/// lines under `runner plan` and `runner status`. Pruning's verdicts, then each method's own (<see cref="ISweepMethod.Decisions"/>).
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
        lines.AddRange(SweepMethods.Decisions(journal, path));
        return lines;
    }
}
