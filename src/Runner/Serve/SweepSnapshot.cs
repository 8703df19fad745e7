using System.Globalization;
using Runner.Files;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Results;
using Runner.Status;
using Runner.Sweeps.Launchers;

namespace Runner.Serve;

/// <summary>
/// One sweep as the dashboard shows it at one moment: the results table and its analysis (the report's own
/// readers and statistics), each run's live state as `runner status` derives it, and the epochs of runs
/// still training (they have no runs.csv row yet). Built only from reads; never writes.
/// </summary>
public sealed class SweepSnapshot
{
    SweepSnapshot(string key, ExperimentFolder folder, ResultsTable? table, SweepAnalysis? analysis, SweepSpace space,
        IReadOnlyList<ServedRun> runs, string? problem)
    {
        Key = key;
        Folder = folder;
        Table = table;
        Analysis = analysis;
        Space = space;
        Runs = runs;
        Problem = problem;
        ConfigurationOf = table?.Configurations.SelectMany(c => c.Runs.Select(r => (r, c.Index))).ToDictionary(p => p.r, p => p.Index)
                          ?? new Dictionary<RunResult, int>();
        _json = new(() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(DashboardJson.Sweep(this, Version)));
    }

    readonly Lazy<byte[]> _json;

    /// <summary>
    /// The sweep's JSON for the dashboard (a few MB for 10,000 runs): made once per version, by the watcher
    /// right after it loads the folder, so the first browser to ask doesn't wait for it.
    /// </summary>
    public byte[] Json => _json.Value;

    /// <summary>The configuration (index in Table.Configurations) of every run that has a runs.csv row.</summary>
    public IReadOnlyDictionary<RunResult, int> ConfigurationOf { get; }

    public string Key { get; }

    /// <summary>Which load of the folder this is (given by <see cref="ServedSweeps"/>): it grows with every change seen.</summary>
    public long Version { get; internal set; }

    public ExperimentFolder Folder { get; }
    public ResultsTable? Table { get; }
    public SweepAnalysis? Analysis { get; }
    public SweepSpace Space { get; }

    /// <summary>The plan's runs in plan order: those with a runs.csv row, then those still going.</summary>
    public IReadOnlyList<ServedRun> Runs { get; }

    /// <summary>Why the folder can't be shown (a link out of it, a FIFO, no runs yet), or null.</summary>
    public string? Problem { get; }

    /// <summary>True when every run of the plan has ended for good, so its files change no more unless a sweep resumes.</summary>
    public bool AllEnded => Problem is null && Runs.All(r => r.Ended);

    public static SweepSnapshot Load(string key, string path, CurveStore curves)
    {
        var folder = new ExperimentFolder(path);
        try
        {
            ResultsFolderGuard.Check(path);   // no links out, no FIFOs or devices, no oversized files read whole
            ResultsTable? table = File.Exists(folder.RunsCsv) ? ResultsTable.Load(path, _ => { }, histories: false) : null;
            var analysis = table is null ? null : SweepAnalysis.Of(table);
            var space = SweepSpace.Of(table?.Sweep.Shape, table?.ExperimentYaml ?? ReadText(folder.ExperimentYaml));
            return new SweepSnapshot(key, folder, table, analysis, space, ServedRuns(folder, table, curves), null);
        }
        catch (Exception e) when (e is UnsafeResultsFolderException or IOException or UnauthorizedAccessException
                                      or InvalidDataException or DamagedResultsFileException or System.Text.Json.JsonException)
        {
            return new SweepSnapshot(key, folder, null, null, SweepSpace.Unknown, [], e.Message);
        }
    }

    /// <summary>
    /// The runs of runs.csv, with a live state where one ran again or has not ended; the plan's runs that
    /// have no row yet come after, read from their own folders. Status (and squeue) is asked only while
    /// some run of the plan has not ended, so a finished sweep of 10,000 runs costs no second read.
    /// </summary>
    static IReadOnlyList<ServedRun> ServedRuns(ExperimentFolder folder, ResultsTable? table, CurveStore curves)
    {
        var rows = table?.Runs ?? [];
        var plan = folder.LastPlan();
        var byDirectory = rows.GroupBy(r => r.Directory).ToDictionary(g => g.Key, g => g.Last());
        var settled = rows.Count > 0 && rows.All(r => RunStatus.Finished(r.Status)) && plan.All(byDirectory.ContainsKey);
        if (settled) return rows.Select(r => ServedRun.Of(folder, r, null, curves)).ToArray();

        var states = SweepStatus.Read(folder, SweepLaunchers.Places(folder)).ToDictionary(s => s.Directory);
        var served = rows.Select(r => ServedRun.Of(folder, r, states.GetValueOrDefault(r.Directory), curves)).ToList();
        foreach (var state in states.Values.Where(s => !byDirectory.ContainsKey(s.Directory)))
            served.Add(ServedRun.Of(folder, null, state, curves));
        return served;
    }

    static string? ReadText(string path) =>
        FileKind.Of(path) == FileType.Regular ? BoundedRead.Text(path, Limits.MaxResultsFileBytes) : null;

    /// <summary>"8 runs: 3 done, 2 running, 3 not started", as `runner status` counts.</summary>
    public string StatusLine => $"{Runs.Count} runs: " + string.Join(", ", Runs.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}"));

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// One run on the dashboard: its runs.csv row when it has one, its live state (running, queued,
/// interrupted, not started, or the status it ended with), where its metrics.csv is, and that file's
/// summary (<see cref="CurveStore"/>): the epochs so far, at most <see cref="CurveStore.SummaryPoints"/> of them.
/// </summary>
public sealed record ServedRun(RunResult? Result, string Directory, string State, string Where, int Epoch, int? Epochs,
    RunFolder? Files, RunCurves Summary)
{
    public string RunId => Result?.RunId ?? Directory;
    public bool Ended => State is RunStatus.Done or RunStatus.Pruned or RunStatus.Diverged or RunStatus.Failed;

    /// <summary>Its metrics.csv, or "" when its folder name is not one plain name inside runs/ (nothing is read then).</summary>
    public string MetricsCsv => Files?.MetricsCsv ?? "";

    public static ServedRun Of(ExperimentFolder folder, RunResult? result, RunState? state, CurveStore curves)
    {
        var directory = state?.Directory ?? result!.Directory;
        // runs.csv may be someone else's: a "directory" of ../../elsewhere must not lead the server out of the folder.
        var files = ResultsLayout.IsRunFolderName(directory) ? folder.Run(directory) : null;
        var summary = files is null ? RunCurves.Empty : curves.Summary(files.MetricsCsv);
        var epoch = state?.Epoch ?? (int)(result!.Value(RunsColumns.Epochs) ?? summary.Epochs.LastOrDefault());
        // A run with a row that trains again (a failed run retried) is shown as it is now.
        return new ServedRun(result, directory, state?.State ?? result!.Status, state?.Where ?? "", epoch, state?.Epochs, files, summary);
    }
}
