using Runner.Text;
using Runner.Results;
using System.Globalization;
using Runner.Reporting.Charts;
using Runner.Reporting.Constraints;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Reporting.Tables;

namespace Runner.Reporting;

/// <summary>
/// The content of report.md and report.html: the answer first (best configuration and whether the
/// difference is real), then what was run, the tables, the charts and the configs.
/// </summary>
internal static class SweepReportDocument
{
    /// <param name="classNames">The dataset's class names, null where classes are numbers.</param>
    /// <param name="parts">What sweep methods add (the race's rounds).</param>
    public static ReportDocument Build(SweepAnalysis analysis, IReadOnlyList<IChart> charts, IReadOnlyList<ChartFailure> failures,
        IReadOnlyList<string>? classNames = null, IReadOnlyList<IReportPart>? parts = null)
    {
        var table = analysis.Table;
        var blocks = new List<Block>();
        blocks.AddRange(Answer(analysis));
        blocks.AddRange((parts ?? []).SelectMany(p => p.Blocks(table)));
        blocks.Add(new Heading(1, "What was run"));
        blocks.Add(new Facts(WhatWasRun(table)));
        blocks.Add(new Heading(1, "Leaderboard"));
        blocks.Add(new Paragraph($"Mean ± 95% confidence interval (Student t) over finished runs, clipped to the values a metric can take " +
            $"(shown as [low, high] where clipped; min-max under {SampleSummary.MinSeedsForInterval} runs). " +
            $"p is Welch's two-sided t-test of {analysis.Metric} against the best configuration, Holm-adjusted for the number of " +
            $"configurations tested (under {SampleSummary.MinSeedsForInterval} finished seeds on either side there is no test)."));
        blocks.Add(Leaderboard(analysis));
        blocks.AddRange(PerClassSection.Blocks(analysis, classNames));
        // A search draws each value about once: a table of per-value means would list single trials (its charts say more).
        if (analysis.Effects.Count > 0 && !SweepSpace.Of(table).IsSearch)
        {
            blocks.Add(new Heading(1, "Effect of each axis"));
            blocks.Add(new Paragraph($"Final {analysis.Metric} for each axis value, averaged over every other axis and seed."));
            blocks.Add(Effects(analysis));
            var interactions = analysis.Table.ConfigurationAxes
                .Select(a => AxisInteraction.Strongest(analysis, a)?.Describe(analysis.Maximize)).OfType<string>().ToArray();
            if (interactions.Length > 0) blocks.Add(new BulletList(interactions));
        }
        if (charts.Count > 0)
        {
            blocks.Add(new Heading(1, "Charts"));
            blocks.AddRange(charts.Select(c => new Figure(c.FileName, c.Caption)));
        }
        blocks.AddRange(Problems(table, failures));
        blocks.AddRange(EarlierVersions(analysis));
        blocks.AddRange(Configs(analysis));
        return new ReportDocument($"Report: {table.Sweep.Experiment}", blocks);
    }

    /// <summary>The answer as plain lines for the console: the same sentences report.md opens with, then the parts' own.</summary>
    public static IReadOnlyList<string> AnswerLines(SweepAnalysis analysis, IReadOnlyList<IReportPart>? parts = null) =>
        Answer(analysis).SelectMany(block => block switch
        {
            Paragraph p => [p.Text],
            BulletList list => list.Items.Select(item => "  - " + item),
            _ => Enumerable.Empty<string>(),
        }).Concat((parts ?? []).SelectMany(p => p.Answer(analysis.Table))).ToArray();

    static IEnumerable<Block> Answer(SweepAnalysis analysis)
    {
        if (TrainingMetricNote.For(analysis.Metric) is { } note) yield return new Paragraph(note);
        var direction = analysis.Maximize ? "higher is better" : "lower is better";
        if (analysis.Best is not { } best)
        {
            yield return new Paragraph(NoneWithinConstraints(analysis.Table) ?? $"No run has finished with a value of {analysis.Metric} yet, so there is no best configuration.");
            yield break;
        }
        var s = best.Metric(analysis.Metric);
        yield return new Paragraph($"Best configuration: {best.Configuration.Key}, {analysis.Metric} {NumberFormat.MeanCi(s, analysis.Metric)} " +
            $"({(s.HasInterval ? "95% CI, " : "")}{Runs(s.Count)}; {direction}).");
        if (analysis.Leaderboard.Any(r => r.Metric(analysis.Metric).Count is > 1 and < SampleSummary.MinSeedsForInterval))
            yield return new Paragraph($"With fewer than {SampleSummary.MinSeedsForInterval} seeds a 95% interval says nothing useful; " +
                "those configurations show their min-max instead. Add seeds (repeats:) for intervals.");
        var others = analysis.Leaderboard.Where(r => r != best).ToArray();
        var close = others.Where(r => r.Verdict == Verdict.NotDistinguishable).ToArray();
        var worse = others.Where(r => r.Verdict == Verdict.Worse).ToArray();
        var untested = others.Where(r => r.Verdict == Verdict.TooFewRuns).ToArray();
        var items = new List<string>();
        if (close.Length > 0)
            items.Add($"Not distinguishable from the best at 0.05 (the difference may be seed noise): " +
                string.Join("; ", close.Select(r => $"{r.Configuration.Key} ({NumberFormat.PPhrase(r.VersusBest!.PValue)})")) + ".");
        if (worse.Length > 0)
            items.Add($"Worse than the best at 0.05: {worse.Length} configuration(s)" +
                (worse.Length <= 6 ? ": " + string.Join("; ", worse.Select(r => $"{r.Configuration.Key} ({NumberFormat.PPhrase(r.VersusBest!.PValue)})")) : "") + ".");
        if (untested.Length > 0)
            items.Add($"Not tested (fewer than {SampleSummary.MinSeedsForInterval} finished seeds on one side): {string.Join("; ", untested.Select(r => r.Configuration.Key))}.");
        if (items.Count > 0) yield return new BulletList(items);
    }

    static string Runs(int n) => n == 1 ? "1 run" : $"{n} runs";

    /// <summary>When runs have finished but every one breaks a constraint: that, and the nearest ones (null otherwise).</summary>
    static string? NoneWithinConstraints(ResultsTable table)
    {
        int done = table.Runs.Count(r => r.IsDone);
        var nearest = RunFeasibility.NearestInfeasible(table);
        if (done == 0 || nearest.Count < done) return null;
        const int Shown = 3;
        return $"None of the {Runs(done)} that finished is within the constraints ({string.Join(" and ", table.Sweep.Constraints.All.Select(c => c.Text))}), " +
               $"so there is no best configuration. The nearest{(done > Shown ? $" {Shown}" : "")}: " +
               string.Join("; ", nearest.Take(Shown).Select(r => $"{r.RunId} ({string.Join(", ", RunFeasibility.Violated(table, r))})")) + ".";
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> WhatWasRun(ResultsTable table)
    {
        var sweep = table.Sweep;
        var facts = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) facts.Add(new(name, value)); }
        Add("experiment", sweep.Experiment);
        Add("experiment file", sweep.Source);
        Add("results folder", table.Directory);
        var statuses = string.Join(", ", table.Runs.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"));
        var planned = sweep.Runs is { } n && n > table.Runs.Count ? $" of {n} planned" : "";
        Add("runs", $"{table.Runs.Count}{planned} ({statuses}) in {table.Configurations.Count} configuration(s)");
        foreach (var axis in table.Axes)
            Add($"axis {axis}", string.Join(", ", table.ValuesOf(axis)));
        Add("compared metric", $"{sweep.Metric} ({(sweep.Maximize ? "higher" : "lower")} is better)");
        Add("started", sweep.Started?.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Add("finished", sweep.Finished?.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) ?? (sweep.Started is null ? null : "not finished"));
        Add("wall time", sweep.WallSeconds is { } w ? Durations.Measured(w) : null);
        Add("parallel jobs", sweep.Jobs?.ToString(CultureInfo.InvariantCulture));
        var machine = string.Join(", ", new[]
        {
            sweep.Machine.Cores is { } c ? $"{c} cores" : null, sweep.Machine.Os, sweep.Machine.Runtime,
        }.Where(x => !string.IsNullOrEmpty(x)));
        Add("machine", machine);
        Add("device", RunDevices.Describe(table.Runs));
        Add("packages", string.Join(", ", sweep.Packages.Select(p => $"{p.Key} {p.Value}")));
        return facts;
    }

    static Table Leaderboard(SweepAnalysis analysis)
    {
        var metrics = LeaderboardCsv.LeaderboardMetrics(analysis)
            .Where(m => analysis.Leaderboard.Any(r => r.Metric(m).Count > 0)).ToArray();
        // The answer first: the compared metric, p and verdict sit beside the configuration, so a narrow
        // window shows them; the other metrics and the run counts follow.
        metrics = metrics.Where(m => m == analysis.Metric).Concat(metrics.Where(m => m != analysis.Metric)).ToArray();
        var header = new[] { "rank", "configuration" }.Concat(metrics.Take(1)).Concat(["p vs best", "verdict", "runs"])
            .Concat(metrics.Skip(1)).ToArray();
        var rows = analysis.Leaderboard.Select(r => (IReadOnlyList<Cell>)new[]
            {
                new Cell(r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "–", r.Rank ?? double.NaN),
                new Cell(r.Configuration.Key),
            }
            .Concat(metrics.Take(1).Select(m => new Cell(NumberFormat.MeanCi(r.Metric(m), m), r.Metric(m).Mean)))
            .Append(new Cell(r.VersusBest is { } t ? NumberFormat.PValue(t.PValue) : "", r.VersusBest?.PValue ?? double.NaN))
            .Append(new Cell(r.Verdict.Describe()))
            .Append(new Cell(r.Configuration.StatusSummary, r.Metric(analysis.Metric).Count))
            .Concat(metrics.Skip(1).Select(m => new Cell(NumberFormat.MeanCi(r.Metric(m), m), r.Metric(m).Mean)))
            .ToArray()).ToArray();
        return new Table(header, rows);
    }

    static Table Effects(SweepAnalysis analysis) =>
        new(["axis", "value", "runs", analysis.Metric],
            analysis.Effects.Select(e => (IReadOnlyList<Cell>)[
                new Cell(e.Axis), new Cell(e.Value), new Cell(e.Metric.Count.ToString(CultureInfo.InvariantCulture), e.Metric.Count),
                new Cell(NumberFormat.MeanCi(e.Metric, analysis.Metric), e.Metric.Mean)]).ToArray());

    static IEnumerable<Block> Problems(ResultsTable table, IReadOnlyList<ChartFailure> failures)
    {
        var stopped = table.Runs.Where(r => r.Status is RunStatus.Failed or RunStatus.Diverged or RunStatus.Pruned).ToArray();
        if (stopped.Length > 0)
        {
            yield return new Heading(1, "Runs that did not finish");
            yield return new Table(["run", "status", "epochs", "reason"], stopped.Select(r => (IReadOnlyList<Cell>)[
                new Cell(r.RunId), new Cell(r.Status),
                new Cell(r.Value("epochs")?.ToString(CultureInfo.InvariantCulture) ?? "", r.Value("epochs") ?? double.NaN),
                new Cell(r.Reason)]).ToArray());
        }
        var notes = table.Warnings.Concat(failures.Select(f => $"chart {f.FileName} failed: {f.Reason}")).ToArray();
        if (notes.Length > 0)
        {
            yield return new Heading(1, "Notes");
            yield return new BulletList(notes);
        }
    }

    /// <summary>Runs whose config has since changed: listed with what changed, never part of the statistics above.</summary>
    static IEnumerable<Block> EarlierVersions(SweepAnalysis analysis)
    {
        var table = analysis.Table;
        if (table.EarlierRuns.Count == 0) yield break;
        yield return new Heading(1, "Earlier versions of this experiment");
        yield return new Paragraph($"{Runs(table.EarlierRuns.Count)} of earlier versions of the experiment (a config that has since " +
            $"changed) stay in {ResultsLayout.RunsFolder}/ and {ResultsLayout.RunsFile} (version: earlier). They are not part of the " +
            "leaderboard, the statistics or the charts above; runner compare can put two versions side by side.");
        var changes = table.ConfigChanges;
        if (changes.Count > 0)
        {
            yield return new Paragraph("What changed in the resolved config (earlier -> current):");
            yield return new CodeBlock("text", string.Join("\n", changes));
        }
        yield return new Table(["run", "config hash", "status", "epochs", analysis.Metric], table.EarlierRuns.Select(r => (IReadOnlyList<Cell>)[
            new Cell(r.RunId), new Cell(r.Hash), new Cell(r.Status),
            new Cell(r.Value("epochs")?.ToString(CultureInfo.InvariantCulture) ?? "", r.Value("epochs") ?? double.NaN),
            new Cell(r.Value(analysis.Metric) is { } v ? NumberFormat.Value(v, analysis.Metric) : "", r.Value(analysis.Metric) ?? double.NaN)]).ToArray());
    }

    static IEnumerable<Block> Configs(SweepAnalysis analysis)
    {
        var table = analysis.Table;
        var example = analysis.BestRun ?? table.Runs.FirstOrDefault(r => r.ConfigYaml is not null);
        if (example?.ConfigYaml is { } config)
        {
            yield return new Heading(1, "Resolved config");
            yield return new Paragraph($"Of run {example.RunId} ({Path.Combine(ResultsLayout.RunsFolder, example.Directory, ResultsLayout.ConfigFile)}); " +
                $"the other runs differ only in the sweep axes ({string.Join(", ", table.Axes)}).");
            yield return new CodeBlock("yaml", config);
        }
        if (table.ExperimentYaml is { } experiment)
        {
            yield return new Heading(1, "Experiment file");
            yield return new CodeBlock("yaml", experiment);
        }
    }
}
