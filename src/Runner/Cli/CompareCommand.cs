using Runner.Results;
using System.CommandLine;
using Runner.Files;
using Runner.Reporting;
using Runner.Reporting.Comparison;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>
/// `runner compare A B`: two sweeps (or two versions of one experiment) side by side, written to a folder of
/// its own (default: results/compare-&lt;a&gt;-vs-&lt;b&gt;/ beside A), never into A or B; prints what differs in
/// the resolved configs and a summary table.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("first") { Description = "A results folder, e.g. results/optimizers" };
        var second = new Argument<string>("second") { Description = "Another results folder" };
        CommonOptions.RefuseOptionLookalikes(first);
        CommonOptions.RefuseOptionLookalikes(second);
        var output = new Option<string?>("--output") { Description = "Where to write the comparison (default: compare-<first>-vs-<second> beside the first folder)" };
        var command = new Command("compare", "Put two sweeps side by side: what differs in their configs, joined leaderboards and the best curves of each")
        {
            first, second, output, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            var a = parse.GetValue(first)!;
            var b = parse.GetValue(second)!;
            foreach (var dir in new[] { a, b })
                if (!File.Exists(Path.Combine(dir, ResultsLayout.RunsFile)))
                {
                    Console.Error.WriteLine($"runner compare: {dir} has no {ResultsLayout.RunsFile}; give two experiments' results folders");
                    return ExitCodes.ConfigError;
                }
            ResultsFolderGuard.Check(a);
            ResultsFolderGuard.Check(b);
            var target = parse.GetValue(output) ?? DefaultOutput(a, b);
            // The compared folders are only read (the README promises it), and the output folder may be a planted link.
            if (new[] { a, b }.FirstOrDefault(dir => Inside(target, dir)) is { } read)
            {
                Console.Error.WriteLine($"runner compare: --output {target} is inside {read}, one of the compared folders, which compare never writes into; choose another folder");
                return ExitCodes.ConfigError;
            }
            ResultsFolderGuard.Check(target);
            var comparison = ComparisonWriter.Write(a, b, target, Console.WriteLine);
            Print(comparison.Comparison);
            Console.WriteLine($"Comparison: {Path.Combine(target, "comparison.html")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Compared as real paths: `--output via/a/report`, with `via/a` a link to A, is inside A.</summary>
    static bool Inside(string path, string folder) => RealPath.Inside(path, folder);

    static string Name(string dir) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));

    /// <summary>results/compare-a-vs-b: beside A, in the folder that holds the experiments' results.</summary>
    static string DefaultOutput(string a, string b) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)))!, $"compare-{Name(a)}-vs-{Name(b)}");

    static void Print(SweepComparison comparison)
    {
        var (a, b, m) = (comparison.A, comparison.B, comparison.Metric);
        var changes = comparison.ConfigChanges;
        Console.WriteLine(changes.Count == 0
            ? "The resolved configs are the same."
            : $"What differs in the resolved configs ({a.Name} -> {b.Name}):{Environment.NewLine}" + string.Join(Environment.NewLine, changes.Select(c => "  " + c)));
        // Brief cells, and a terminal's width to fit (the full min-max wording made it 170 columns); through a
        // pipe the width is unbounded (RunnerCli), so nothing wraps there.
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "configuration", $"{a.Name} {m}", $"{b.Name} {m}", "p", "verdict" })
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        bool minMax = false;
        string Cell(Reporting.Statistics.LeaderboardRow? row)
        {
            if (row is null) return "";
            var s = row.Metric(m);
            minMax |= s.Count > 1 && !s.HasInterval;
            return Markup.Escape(NumberFormat.MeanCi(s, m, brief: true));
        }
        foreach (var row in comparison.Rows)
            table.AddRow(Markup.Escape(row.Configuration), Cell(row.A), Cell(row.B),
                row.Test is { } t ? NumberFormat.PValue(t.PValue) : "", Markup.Escape(row.Verdict));
        AnsiConsole.Write(table);
        if (minMax)
            Console.WriteLine($"(low-high): the min-max of fewer than {Reporting.Statistics.SampleSummary.MinSeedsForInterval} seeds, {NumberFormat.TooFewSeeds}; " +
                              "mean ± half-width is a 95% interval.");
    }
}
