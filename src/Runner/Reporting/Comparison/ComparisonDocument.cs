using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Comparison;

/// <summary>The content of comparison.md and comparison.html.</summary>
internal static class ComparisonDocument
{
    public static ReportDocument Build(SweepComparison comparison, IReadOnlyList<IChart> charts, IReadOnlyList<ChartFailure> failures)
    {
        var (a, b, m) = (comparison.A, comparison.B, comparison.Metric);
        var blocks = new List<Block> { new Paragraph(Answer(comparison)) };

        blocks.Add(new Heading(1, "What was run"));
        var factsA = SweepReportDocument.WhatWasRun(a.Analysis.Table);
        var factsB = SweepReportDocument.WhatWasRun(b.Analysis.Table);
        var names = factsA.Select(f => f.Key).Union(factsB.Select(f => f.Key));
        blocks.Add(new Table(["", a.Name, b.Name], names.Select(n => (IReadOnlyList<Cell>)[
            new Cell(n),
            new Cell(factsA.FirstOrDefault(f => f.Key == n).Value ?? ""),
            new Cell(factsB.FirstOrDefault(f => f.Key == n).Value ?? "")]).ToArray()));

        blocks.Add(new Heading(1, "What differs in the resolved configs"));
        var changes = comparison.ConfigChanges;
        blocks.Add(changes.Count == 0
            ? new Paragraph("Nothing: the runs of both sweeps have the same resolved configs.")
            : new CodeBlock("text", $"{a.Name} -> {b.Name}\n" + string.Join("\n", changes)));

        blocks.Add(new Heading(1, "Configurations side by side"));
        blocks.Add(new Paragraph($"{m}: mean ± 95% CI over finished runs; p is Welch's two-sided t-test between the two sweeps."));
        blocks.Add(new Table(["configuration", $"rank in {a.Name}", a.Name, $"rank in {b.Name}", b.Name, "p", "verdict"],
            comparison.Rows.Select(r => (IReadOnlyList<Cell>)[
                new Cell(r.Configuration),
                Rank(r.A), Value(r.A, m), Rank(r.B), Value(r.B, m),
                new Cell(r.Test is { } t ? NumberFormat.PValue(t.PValue) : "", r.Test?.PValue ?? double.NaN),
                new Cell(r.Verdict)]).ToArray()));

        if (charts.Count > 0)
        {
            blocks.Add(new Heading(1, "Charts"));
            blocks.AddRange(charts.Select(c => new Figure(c.FileName, c.Caption)));
        }
        var notes = comparison.Warnings.Concat(failures.Select(f => $"chart {f.FileName} failed: {f.Reason}")).ToArray();
        if (notes.Length > 0)
        {
            blocks.Add(new Heading(1, "Notes"));
            blocks.Add(new BulletList(notes));
        }
        return new ReportDocument($"Comparison: {a.Name} vs {b.Name}", blocks);
    }

    static string Answer(SweepComparison comparison)
    {
        var (a, b, m) = (comparison.A, comparison.B, comparison.Metric);
        string Best(ComparedSweep s) => s.Analysis.Best is { } best
            ? $"{best.Configuration.Key} with {m} {NumberFormat.MeanCi(best.Metric(m), m)}"
            : "no finished run";
        var text = $"Best of {a.Name}: {Best(a)}. Best of {b.Name}: {Best(b)}.";
        if (a.Analysis.Best is null || b.Analysis.Best is null) return text;
        var verdict = SweepComparison.Verdict(a.Analysis.Best, b.Analysis.Best, comparison.BestVersusBest, m, a.Name, b.Name);
        return comparison.BestVersusBest is { } t
            ? $"{text} Best against best: {verdict} ({NumberFormat.PPhrase(t.PValue)}, Welch)."
            : $"{text} Best against best: {verdict}.";
    }

    static Cell Rank(LeaderboardRow? row) =>
        new(row?.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", row?.Rank ?? double.NaN);

    static Cell Value(LeaderboardRow? row, string metric) =>
        row is null ? new Cell("", double.NaN) : new Cell(NumberFormat.MeanCi(row.Metric(metric), metric), row.Metric(metric).Mean);
}
