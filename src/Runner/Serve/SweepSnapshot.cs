using System.Globalization;
using Runner.Files;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Results;
using Runner.Status;
using Runner.Slurm;

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
    }

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

    public static SweepSnapshot Load(string key, string path)
    {
        var folder = new ExperimentFolder(path);
        try
        {
            ResultsFolderGuard.Check(path);   // no links out, no FIFOs or devices, no oversized files read whole
            ResultsTable? table = File.Exists(folder.RunsCsv) ? ResultsTable.Load(path, _ => { }) : null;
            var analysis = table is null ? null : SweepAnalysis.Of(table);
            var space = SweepSpace.Of(table?.Sweep.Shape, table?.ExperimentYaml ?? ReadText(folder.ExperimentYaml));
            return new SweepSnapshot(key, folder, table, analysis, space, ServedRuns(folder, table), null);
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
    static IReadOnlyList<ServedRun> ServedRuns(ExperimentFolder folder, ResultsTable? table)
    {
        var rows = table?.Runs ?? [];
        var plan = folder.LastPlan();
        var byDirectory = rows.GroupBy(r => r.Directory).ToDictionary(g => g.Key, g => g.Last());
        var settled = rows.Count > 0 && rows.All(r => RunStatus.Finished(r.Status)) && plan.All(byDirectory.ContainsKey);
        if (settled) return rows.Select(r => ServedRun.Of(r, null, null)).ToArray();

        var states = SweepStatus.Read(folder, SlurmQueue.OfSweep(folder)).ToDictionary(s => s.Directory);
        var served = rows.Select(r => ServedRun.Of(r, states.GetValueOrDefault(r.Directory), null)).ToList();
        foreach (var state in states.Values.Where(s => !byDirectory.ContainsKey(s.Directory)))
            served.Add(ServedRun.Of(null, state, folder.Run(state.Directory).Epochs.Read()));
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
/// interrupted, not started, or the status it ended with) and, for a run still going, its epochs so far.
/// </summary>
public sealed record ServedRun(RunResult? Result, string Directory, string State, string Where, int Epoch, int? Epochs,
    IReadOnlyList<EpochRecord> LiveHistory)
{
    public string RunId => Result?.RunId ?? Directory;
    public bool Ended => State is RunStatus.Done or RunStatus.Pruned or RunStatus.Diverged or RunStatus.Failed;
    public IReadOnlyList<EpochRecord> History => LiveHistory.Count > 0 ? LiveHistory : Result?.History ?? [];

    public static ServedRun Of(RunResult? result, RunState? state, IReadOnlyList<EpochMetrics>? live)
    {
        // A run with a row that trains again (a failed run retried) is shown as it is now.
        var going = state is { Ended: false };
        var liveHistory = live is not null ? Records(live) : going && result is not null ? ReadLive(result.Folder) : [];
        var epoch = state?.Epoch ?? (int)(result!.Value(RunsColumns.Epochs) ?? result.History.Count);
        return new ServedRun(result, state?.Directory ?? result!.Directory, state?.State ?? result!.Status, state?.Where ?? "",
            epoch, state?.Epochs, liveHistory);
    }

    static IReadOnlyList<EpochRecord> ReadLive(string folder) => Records(new MetricsLog(Path.Combine(folder, ResultsLayout.MetricsFile)).Read());

    static IReadOnlyList<EpochRecord> Records(IReadOnlyList<EpochMetrics> epochs) =>
        epochs.Select(m => new EpochRecord(m.Epoch, m.Values.Concat([new KeyValuePair<string, double>(MetricsColumns.LearningRate, m.LearningRate)])
            .ToDictionary(p => p.Key, p => p.Value))).ToArray();
}
