using Runner.Text;
using System.Globalization;
using Runner.Reporting;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// "Race": for a `race:` sweep, every round's decisions as journaled (who was eliminated after how many
/// seeds, with the Holm-adjusted p-value against the best) and how the race ended. Read from
/// decisions.jsonl, so a report redrawn from the results folder alone shows it too; and its chart, <see cref="RaceChart"/>.
/// </summary>
internal sealed class RaceSection : IReportPart
{
    public IEnumerable<IChart> Charts(SweepAnalysis analysis) => RaceChart.For(analysis) is { } chart ? [chart] : [];

    public IEnumerable<Block> Blocks(ResultsTable table)
    {
        try { return Blocks(table, AuditedRace.Of(table)); }
        catch (InvalidDataException e) { return [new Heading(1, "Race"), new Paragraph(e.Message)]; }
    }

    static IEnumerable<Block> Blocks(ResultsTable table, AuditedRace race)
    {
        var rounds = race.Rounds;
        if (rounds.Count == 0) yield break;
        yield return new Heading(1, "Race");
        if (race.Contradicted) yield return new Paragraph(RaceAudit.Summary(race.Problems));
        yield return new Paragraph("After each round every survivor is compared with the best on their shared seeds by a one-sided paired t-test; " +
            "p is Holm-adjusted over the round's comparisons. A configuration at or below alpha is eliminated; the others get one more seed.");
        yield return new Table(["round", "seeds", "configuration", "decision", $"mean {table.Metric}", "p (Holm)"],
            rounds.SelectMany((round, i) => round.Entry.Decisions.Where(d => d.Kind != Decision.Stop).Select(d => (IReadOnlyList<Cell>)[
                new Cell((i + 1).ToString(CultureInfo.InvariantCulture), i + 1),
                new Cell(round.Seeds.ToString(CultureInfo.InvariantCulture), round.Seeds),
                new Cell(d.Subject),
                new Cell((d.Kind == Decision.Eliminate ? "eliminated" : "survives") +
                    (race.Problems.Any(p => p.Round == i + 1 && p.Subject == d.Subject) ? " (journal only: not what the results show)" : "")),
                new Cell(d.Value is { } v ? Numbers.Brief(v) : "", d.Value ?? double.NaN),
                new Cell(d.PValue is { } p ? Numbers.PValue(p) : "", d.PValue ?? double.NaN)])).ToArray());
        yield return new Paragraph(Ending(race));
    }

    public IEnumerable<string> Answer(ResultsTable table)
    {
        try { return AuditedRace.Of(table) is { Rounds.Count: > 0 } race ? [Ending(race)] : []; }
        catch (InvalidDataException e) { return [e.Message]; }
    }

    // A journal the results contradict is not taken at its word for how the race ended.
    static string Ending(AuditedRace race) =>
        race.Contradicted ? $"No race result: its journal does not match the results on disk ({race.Problems.Count} {(race.Problems.Count == 1 ? "problem" : "problems")}, see the Race section)."
        : race.Rounds[^1].Stop is { } stop ? $"The race ended: {stop.Reason}." : "The race is still open.";
}
