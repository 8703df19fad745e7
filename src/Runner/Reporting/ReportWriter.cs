using Runner.Text;
using Runner.Results;
using Runner.Files;
using Runner.Recording;
using Runner.Reporting.Charts;
using Runner.Reporting.Documents;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Reporting.Tables;

namespace Runner.Reporting;

/// <summary>
/// Writes <c>results/&lt;name&gt;/report/</c> from the recorded CSVs alone: charts, leaderboard.csv,
/// axis_effects.csv, report.md and a self-contained report.html. Safe to call again at any time.
/// </summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    public static ReportResult Write(string experimentDirectory, Action<string> log, IReadOnlyList<IReportPart>? parts = null) =>
        Write(experimentDirectory, log, DatasetImageSources.Default, parts);

    /// <param name="images">Where the image grids get their pictures; null draws no image grids.</param>
    /// <param name="parts">The sections and charts sweep methods add (the race's rounds).</param>
    public static ReportResult Write(string experimentDirectory, Action<string> log, IDatasetImageSource? images,
        IReadOnlyList<IReportPart>? parts = null)
    {
        ResultsFolderGuard.Check(experimentDirectory, ResultsLayout.Folders);
        ChartWarmUp.Start();   // compiles the charting code on another core while the tables load (once per process)
        parts = [.. ReportParts.BuiltIn, .. parts ?? []];
        // Held while writing: `run --fresh` elsewhere refuses to move the folder from under it meanwhile.
        using var writing = FileLock.Acquire(new ExperimentFolder(experimentDirectory).ReportLock);
        var table = ResultsTable.Load(experimentDirectory, log);
        var analysis = SweepAnalysis.Of(table);
        var reportDirectory = Path.Combine(table.Directory, ResultsLayout.ReportFolder);
        Directory.CreateDirectory(reportDirectory);
        RemoveOldCharts(reportDirectory);

        TimeTrace.Mark("report: tables loaded");
        var dataset = LoadImages(analysis, images, log);
        TimeTrace.Mark("report: dataset images ready");
        var classNames = dataset?.ClassNames ?? ClassNames(analysis);
        var (charts, failures) = ChartRenderer.SaveAll(ChartCatalog.For(analysis, dataset, parts, classNames), reportDirectory, log);
        TimeTrace.Mark("report: charts drawn");
        var files = charts.Select(c => Path.Combine(reportDirectory, c.FileName)).ToList();

        files.Add(WriteFile(reportDirectory, LeaderboardCsv.FileName, path => LeaderboardCsv.Write(analysis, path)));
        files.Add(WriteFile(reportDirectory, AxisEffectsCsv.FileName, path => AxisEffectsCsv.Write(analysis, path)));
        var document = SweepReportDocument.Build(analysis, charts, failures, classNames, parts);
        files.AddRange(WriteDocument(reportDirectory, "report", document));
        log($"report: {files.Count} files in {reportDirectory}" + (failures.Count > 0 ? $", {failures.Count} chart(s) failed" : ""));
        return new ReportResult(reportDirectory, files, failures) { Answer = SweepReportDocument.AnswerLines(analysis, parts) };
    }

    /// <summary>Writes <paramref name="stem"/>.md and .html; the HTML embeds the figures beside it.</summary>
    internal static IEnumerable<string> WriteDocument(string directory, string stem, ReportDocument document)
    {
        yield return WriteFile(directory, stem + ".md", path => File.WriteAllText(path, MarkdownRenderer.Render(document)));
        yield return WriteFile(directory, stem + ".html", path => File.WriteAllText(path, HtmlRenderer.Render(document, figure =>
        {
            var png = Path.Combine(directory, figure);
            return File.Exists(png) ? File.ReadAllBytes(png) : null;
        })));
    }

    /// <summary>Writes through a temporary file, so a crash never leaves a truncated table or page.</summary>
    internal static string WriteFile(string directory, string name, Action<string> write)
    {
        var path = Path.Combine(directory, name);
        AtomicFile.WriteVia(path, write);
        return path;
    }

    /// <summary>
    /// Charts from an earlier report may no longer apply (an axis was removed, a chart now fails);
    /// leaving them would show stale pictures beside fresh tables.
    /// </summary>
    static void RemoveOldCharts(string reportDirectory)
    {
        foreach (var png in Directory.EnumerateFiles(reportDirectory, "*.png")) ResultsFolderGuard.DeleteFile(png);
    }

    static DatasetImages? LoadImages(SweepAnalysis analysis, IDatasetImageSource? source, Action<string> log)
    {
        var run = analysis.BestRun ?? analysis.Table.Runs.FirstOrDefault(r => r.ConfigYaml is not null);
        if (source is null || run is null) return null;
        var configDirectory = RunClassNames.ConfigDirectory(analysis.Table);
        var (experiment, problem) = RunConfig.Read(run.ConfigYaml, configDirectory, Path.Combine(run.Folder, ResultsLayout.ConfigFile));
        if (experiment is null)
        {
            log($"report: run {run.RunId}'s {ResultsLayout.ConfigFile} does not load ({problem}); no image grids");
            return null;
        }
        var dataset = experiment.Data.Dataset;
        try
        {
            return source.Load(dataset, configDirectory, log);
        }
        catch (Exception e)
        {
            log($"report: could not load dataset '{dataset.Name}' for the image grids ({e.Message}); drawing the rest");
            return null;
        }
    }

    /// <summary>The class names the best run's dataset declares (without loading it), null where it has none.</summary>
    static IReadOnlyList<string>? ClassNames(SweepAnalysis analysis) =>
        analysis.BestRun?.ConfigYaml is { } yaml ? RunClassNames.Of(yaml, RunClassNames.ConfigDirectory(analysis.Table)) : null;
}
