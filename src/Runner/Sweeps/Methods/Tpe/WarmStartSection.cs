using System.Globalization;
using Runner.Reporting;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// "Warm start": for a search with `warm_start:`, how many earlier runs fed TPE and which runs of this folder
/// were copied from which earlier run folder (so none of them was trained here). Read from decisions.jsonl alone.
/// </summary>
internal sealed class WarmStartSection : IReportPart
{
    public IEnumerable<IChart> Charts(SweepAnalysis analysis) => [];

    public IEnumerable<Block> Blocks(ResultsTable table)
    {
        IReadOnlyList<JournalEntry> journal;
        try { journal = DecisionJournal.Read(table.Directory); }
        catch (InvalidDataException e) { return [new Heading(1, "Warm start"), new Paragraph(e.Message)]; }
        return journal.FirstOrDefault(e => e.Question == WarmStart.Question) is { } earlier ? Blocks(earlier, WarmStart.Copies(journal)) : [];
    }

    static IEnumerable<Block> Blocks(JournalEntry earlier, IReadOnlyList<(string Run, string From)> copies)
    {
        yield return new Heading(1, "Warm start");
        var folders = earlier.Decisions.Select(d => Path.GetDirectoryName(Path.GetDirectoryName(d.Subject))).Distinct().ToList();
        yield return new Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"{earlier.Decisions.Count} finished runs of {folders.Count} earlier folder(s) ({string.Join(", ", folders)}) fell in this space and fed TPE's observations; " +
            $"{copies.Count} runs of this search had the configuration and seed of one of them and were copied from it instead of trained:"));
        if (copies.Count > 0)
            yield return new Table(["run", "copied from"], copies.Select(c => (IReadOnlyList<Cell>)[new Cell(c.Run), new Cell(c.From)]).ToArray());
    }
}
