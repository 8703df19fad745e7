using System.Globalization;
using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>
/// The loop users live in, with real `runner` processes: run, change the experiment, run the same
/// command again, read the report; a run fails, the cause is fixed, the same command runs again.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class EditRerunTests
{
    static string Quickstart(int epochs) => File.ReadAllText(Path.Combine(Repository.Experiments, "quickstart.yaml"))
        .Replace("epochs: 3", $"epochs: {epochs}");

    static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void After_an_edit_the_report_describes_exactly_the_current_runs_and_lists_the_earlier_ones()
    {
        Assert.Contains("epochs: 3", File.ReadAllText(Path.Combine(Repository.Experiments, "quickstart.yaml")));
        using var sweep = new SweepFolder(Quickstart(2)) { Report = true };
        var dir = sweep.Dir;
        Assert.Equal(0, sweep.Run().ExitCode);
        File.WriteAllText(sweep.File, Quickstart(4));

        var (code, output) = sweep.Run();

        Assert.True(code == 0, output);
        Assert.Contains("train.epochs: 2 -> 4", output);
        var rows = new RunsTable(Path.Combine(dir, "runs.csv")).Read();
        var current = rows.Where(r => r["version"] == "current").ToList();
        Assert.Equal(2, current.Count);
        Assert.All(current, r => Assert.Equal("4", r["epochs"]));
        Assert.Equal(2, rows.Count(r => r["version"] == "earlier" && r["epochs"] == "2"));
        var currentMean = current.Average(r => Number(r["val_accuracy"]));

        void AssertReportIsCurrent()
        {
            var leaderboard = Runner.Reporting.Results.CsvText.Read(Path.Combine(dir, "report", "leaderboard.csv")).Rows;
            var row = Assert.Single(leaderboard);
            Assert.Equal("2", row["n"]);
            Assert.Equal(currentMean, Number(row["val_accuracy_mean"]), 12);
            var report = File.ReadAllText(Path.Combine(dir, "report", "report.md"));
            Assert.Contains("Earlier versions of this experiment", report);
            Assert.Contains("train.epochs: 2 -> 4", report);
            Assert.Contains($"val_accuracy {currentMean.ToString("0.0000", CultureInfo.InvariantCulture)}", report);
            var resolved = report[report.IndexOf("# Resolved config", StringComparison.Ordinal)..];
            Assert.Contains("epochs: 4", resolved);
        }
        AssertReportIsCurrent();

        // `runner report` redraws the folder's latest plan from the files alone.
        File.Delete(Path.Combine(dir, "report", "leaderboard.csv"));
        var (reportCode, reportOutput) = RunnerProcess.Run("report", dir);
        Assert.True(reportCode == 0, reportOutput);
        AssertReportIsCurrent();
    }

    const string CsvExperiment = """
        name: fromcsv
        data: {dataset: {name: csv, path: data/train.csv}}
        model: {input: [4, 4], layers: [flatten, {dense: {units: 3, activation: softmax}}]}
        train: {optimizer: adam, epochs: 2, batch_size: 16, seed: ${seed}, threads: 1}
        report: {metric: accuracy}
        sweep: {seed: [1, 2]}
        """;

    /// <param name="damaged">A cell on row 60 that is not a number: validate reads only the header, so the
    /// runs themselves fail when they load the data (a cause the user fixes, then reruns).</param>
    static void WriteCsv(string path, bool damaged = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(1);
        var lines = new List<string> { "label," + string.Join(",", Enumerable.Range(0, 16).Select(i => $"p{i}")) };
        for (int row = 0; row < 120; row++)
        {
            int label = row % 3;
            lines.Add(label + "," + string.Join(",", Enumerable.Range(0, 16).Select(i => (i % 3 == label ? 200 : 0) + random.Next(40))));
        }
        if (damaged) lines[60] = lines[60].Replace(",", ",x", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public void A_failed_run_is_retried_after_the_cause_is_fixed_and_the_exit_code_counts_it_until_then()
    {
        using var sweep = new SweepFolder(CsvExperiment);
        var runsCsv = Path.Combine(sweep.Dir, "runs.csv");
        WriteCsv(sweep["data/train.csv"], damaged: true);

        var (first, firstOutput) = sweep.Run();
        Assert.True(first == 1, firstOutput);
        Assert.Equal(["failed", "failed"], new RunsTable(runsCsv).Read().Select(r => r["status"]));

        // Nothing trained this time, but the plan still has failed runs: never exit 0.
        var (kept, keptOutput) = sweep.Run("--no-retry");
        Assert.True(kept == 1, keptOutput);
        Assert.Contains("0 runs trained", keptOutput);
        Assert.Contains("2 are not done or pruned (2 failed)", keptOutput);

        WriteCsv(sweep["data/train.csv"]);
        var (fixedCode, fixedOutput) = sweep.Run();
        Assert.True(fixedCode == 0, fixedOutput);
        Assert.Contains("will be retried", fixedOutput);
        Assert.Equal(["done", "done"], new RunsTable(runsCsv).Read().Select(r => r["status"]));
        Assert.All(new RunsTable(runsCsv).Read(), r => Assert.Equal("2", r["epochs"]));
    }

    [Fact]
    public void Compare_shows_what_differs_writes_into_its_own_folder_and_prints_a_summary()
    {
        using var sweep = new SweepFolder(Quickstart(2));
        var results = sweep.Results;
        Assert.Equal(0, sweep.Run("--set", "name=qa").ExitCode);
        Assert.Equal(0, sweep.Run("--set", "name=qb", "--set", "train.epochs=4").ExitCode);

        var (code, output) = RunnerProcess.Run("compare", Path.Combine(results, "qa"), Path.Combine(results, "qb"));

        Assert.True(code == 0, output);
        Assert.Contains("train.epochs: 2 -> 4", output);
        Assert.Contains("name: qa -> qb", output);
        // The summary table, honest about 2 seeds in a note, and narrow (the full wording in each cell took 170 columns).
        Assert.Matches(@"all runs\s+0\.\d{4} \(0\.\d{4}-0\.\d{4}\)", output);
        Assert.Contains("(low-high): the min-max of fewer than 3 seeds, too few seeds for an interval", output);
        Assert.All(output.Split('\n').Where(l => l.Contains("all runs")), l => Assert.True(l.TrimEnd().Length <= 120, l));
        var comparison = Path.Combine(results, "compare-qa-vs-qb");
        Assert.True(File.Exists(Path.Combine(comparison, "comparison.html")), output);
        Assert.Contains("train.epochs: 2 -> 4", File.ReadAllText(Path.Combine(comparison, "comparison.md")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(results, "qa"), "compare-*"));

        // Never into a compared folder (--output A), never through a planted link where the output goes.
        var (intoA, intoAOutput) = RunnerProcess.Run("compare", Path.Combine(results, "qa"), Path.Combine(results, "qb"), "--output", Path.Combine(results, "qa", "cmp"));
        Assert.True(intoA == 2, intoAOutput);
        Assert.Contains("one of the compared folders, which compare never writes into", intoAOutput);
        Assert.False(Directory.Exists(Path.Combine(results, "qa", "cmp")));
        Directory.Delete(comparison, recursive: true);
        var elsewhere = sweep["elsewhere"];
        Directory.CreateDirectory(elsewhere);
        Directory.CreateSymbolicLink(comparison, elsewhere);
        var (linked, linkedOutput) = RunnerProcess.Run("compare", Path.Combine(results, "qa"), Path.Combine(results, "qb"));
        Assert.True(linked == 2, linkedOutput);
        Assert.Contains("is a symbolic link", linkedOutput);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }
}
