using System.Globalization;
using Runner.Reporting;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Results;
using Runner.Sweeps.Adaptive;
using Runner.Text;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// "Search race": for `race:` beside `tpe:`, every trial with its configuration, the seeds its race gave it, its mean
/// and 95% interval over them (from the results), and how its race ended: stopped early (with the Holm-adjusted p
/// against the incumbent) or run to its last seed; and which trial is the incumbent. The rounds are read from
/// decisions.jsonl, the values from the runs, so a report redrawn from the results folder alone shows it too.
/// </summary>
internal sealed class SearchRaceSection : IReportPart
{
    public IEnumerable<IChart> Charts(SweepAnalysis analysis) => [];

    public IEnumerable<Block> Blocks(ResultsTable table)
    {
        IReadOnlyDictionary<int, SearchRaceJournal.RoundEntry> last;
        IReadOnlyDictionary<int, int> given;
        IReadOnlyList<Proposal> proposals;
        try
        {
            var journal = DecisionJournal.Read(table.Directory);
            (last, given, proposals) = (SearchRaceJournal.LastRounds(journal), SearchRaceJournal.Given(SearchRaceJournal.Rounds(journal)), TpeJournal.Proposals(journal));
        }
        catch (Exception e) when (e is InvalidDataException or DecisionJournalException) { return [new Heading(1, "Search race"), new Paragraph(e.Message)]; }
        return last.Count == 0 ? [] : Blocks(table, last, given, proposals.ToDictionary(p => p.Trial, p => string.Join(",", p.Values.Where(v => v.Value != "").Select(v => $"{v.Key}={v.Value}"))));
    }

    static IEnumerable<Block> Blocks(ResultsTable table, IReadOnlyDictionary<int, SearchRaceJournal.RoundEntry> last,
        IReadOnlyDictionary<int, int> given, IReadOnlyDictionary<int, string> configurations)
    {
        int? incumbent = Incumbent(last);
        yield return new Heading(1, "Search race");
        yield return new Paragraph("Each trial raced the incumbent (the best trial so far by seed mean) over seeds: after each round a one-sided paired " +
            "t-test on their shared seeds (Holm-adjusted over the two comparisons) stopped a trial significantly worse; the others got one more seed, up to max_seeds. " +
            "TPE learned from each trial's mean over the seeds it got.");
        yield return new Table(["trial", "configuration", "seeds", $"mean {table.Metric}", "95% interval", "race", "p (Holm)"],
            last.OrderBy(t => t.Key).Select(pair =>
            {
                var (trial, round) = pair;
                var configuration = configurations.GetValueOrDefault(trial, "");
                var values = ValuesOf(table, configuration, given[trial]);
                var summary = SampleSummary.Of(values, table.Metric);
                var own = round.Entry.Decisions.FirstOrDefault(d => d.Subject == SearchRaceJournal.Label(trial) && d.Kind != Decision.Stop);
                string race = round.StoppedEarly ? $"stopped early after {round.Seeds} seeds" : round.Stop is null ? "racing"
                    : own is null || round.Entry.Decisions.Count(d => d.Kind != Decision.Stop) == 1 ? "the first trial" : $"kept to {round.Seeds} seeds";
                if (trial == incumbent) race += " (incumbent)";
                return (IReadOnlyList<Cell>)[
                    new Cell(trial.ToString(CultureInfo.InvariantCulture), trial),
                    new Cell(configuration),
                    new Cell(values.Count.ToString(CultureInfo.InvariantCulture), values.Count),
                    new Cell(values.Count > 0 ? Numbers.Brief(summary.Mean) : "", summary.Mean),
                    new Cell(summary.HasInterval ? $"{Numbers.Brief(summary.CiLow)} to {Numbers.Brief(summary.CiHigh)}"
                        : values.Count > 0 ? $"min-max {Numbers.Brief(summary.Min)} to {Numbers.Brief(summary.Max)}" : ""),
                    new Cell(race),
                    new Cell(own?.PValue is { } p && trial != 1 ? Numbers.PValue(p) : "", own?.PValue ?? double.NaN)];
            }).ToArray());
        yield return new Paragraph(string.Join(" ", Answer(last)));
    }

    public IEnumerable<string> Answer(ResultsTable table)
    {
        try { return SearchRaceJournal.LastRounds(DecisionJournal.Read(table.Directory)) is { Count: > 0 } last ? Answer(last) : []; }
        catch (Exception e) when (e is InvalidDataException or DecisionJournalException) { return [e.Message]; }
    }

    static IEnumerable<string> Answer(IReadOnlyDictionary<int, SearchRaceJournal.RoundEntry> last)
    {
        int early = last.Values.Count(r => r.StoppedEarly);
        yield return $"The search raced {last.Count} trials over seeds; {early} stopped early, significantly worse than the incumbent" +
                     (Incumbent(last) is { } incumbent ? $"; the incumbent is trial {incumbent}." : ".");
    }

    /// <summary>The incumbent after the last race that ended (its stop names it).</summary>
    static int? Incumbent(IReadOnlyDictionary<int, SearchRaceJournal.RoundEntry> last) =>
        last.Values.Where(r => r.Stop is not null).MaxBy(r => r.Trial)?.Stop is { } stop && int.TryParse(stop.Subject.Split(' ')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t : null;

    /// <summary>A trial's final values on seeds 1..seeds, from the runs of its configuration (a trial on a configuration an
    /// earlier trial has counts with that one's runs, as the search counted it); a seed without an ended run is left out.</summary>
    static IReadOnlyList<double> ValuesOf(ResultsTable table, string configuration, int seeds) =>
        Enumerable.Range(1, seeds)
            .Select(seed => table.Runs.FirstOrDefault(r => Configuration(r) == configuration && r.AxisValue(SeedAxis.Name) == seed.ToString(CultureInfo.InvariantCulture)))
            .Where(r => r is { Status: RunStatus.Done or RunStatus.Failed or RunStatus.Diverged or RunStatus.Pruned })
            .Select(r => r!.Value(table.Metric) ?? double.NaN).ToList();

    static string Configuration(RunResult run) =>
        string.Join(",", run.AxisValues.Where(a => a.Key is not (TpeSpec.TrialAxis or SeedAxis.Name) && a.Value != "").Select(a => $"{a.Key}={a.Value}"));
}
