using Runner.Results;
namespace Runner.Reporting.Results;

/// <summary>
/// Everything a sweep recorded, in memory: sweep.json, runs.csv and every run's metrics.csv. It is
/// read once; the statistics and every exporter work from it and never touch the disk themselves.
/// Missing or half-written run folders are tolerated and listed in <see cref="Warnings"/>.
/// </summary>
public sealed class ResultsTable
{
    /// <summary>Final-metric columns when runs.csv lacks the epochs..parameters frame of the contract.</summary>
    static readonly string[] ContractMetrics = ["loss", "accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy"];

    ResultsTable(string directory, SweepInfo sweep, string? experimentYaml, IReadOnlyList<string> axes, IReadOnlyList<string> metrics,
        IReadOnlyList<RunResult> runs, IReadOnlyList<RunResult> earlierRuns, IReadOnlyList<Configuration> configurations, IReadOnlyList<string> warnings)
    {
        EarlierRuns = earlierRuns;
        Directory = directory;
        Sweep = sweep;
        ExperimentYaml = experimentYaml;
        Axes = axes;
        Metrics = metrics;
        Runs = runs;
        Configurations = configurations;
        Warnings = warnings;
    }

    /// <summary>The experiment's results folder, <c>results/&lt;name&gt;</c>.</summary>
    public string Directory { get; }

    public SweepInfo Sweep { get; }

    /// <summary>The experiment file as the user gave it (experiment.yaml), or null when missing.</summary>
    public string? ExperimentYaml { get; }

    /// <summary>Every sweep axis in sweep order, seed included.</summary>
    public IReadOnlyList<string> Axes { get; }

    /// <summary>The axes that tell configurations apart: all but the seed.</summary>
    public IReadOnlyList<string> ConfigurationAxes => Axes.Where(a => a != SeedAxis.Name).ToArray();

    /// <summary>The final-metric columns of runs.csv (loss, accuracy, val_loss, ...), in file order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The runs of the plan the folder last ran (matched by directory: id + config hash), in plan order.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>
    /// Runs of earlier versions of the experiment (their config has since changed): kept on disk and listed
    /// by the report, never part of its statistics.
    /// </summary>
    public IReadOnlyList<RunResult> EarlierRuns { get; }

    /// <summary>What changed between the earlier runs' resolved configs and the current ones (empty when nothing did).</summary>
    public IReadOnlyList<string> ConfigChanges => Runner.Config.ConfigDiff.Between(
        EarlierRuns.Select(r => (r.RunId, r.ConfigYaml)).ToList(), Runs.Select(r => (r.RunId, r.ConfigYaml)).ToList());

    /// <summary>Configurations in sweep order; <see cref="Configuration.Index"/> is the position here.</summary>
    public IReadOnlyList<Configuration> Configurations { get; }

    /// <summary>What was missing or unreadable and has been skipped.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The compared metric (sweep.json's, default val_accuracy).</summary>
    public string Metric => Sweep.Metric;
    public bool Maximize => Sweep.Maximize;

    /// <summary>The values an axis takes, in order of first appearance (which is sweep order).</summary>
    public IReadOnlyList<string> ValuesOf(string axis) => Runs.Select(r => r.AxisValue(axis)).Distinct().ToArray();

    /// <summary>Columns of metrics.csv over all runs, in file order (epoch excluded).</summary>
    public IReadOnlyList<string> HistoryColumns =>
        Runs.SelectMany(r => r.History.SelectMany(e => e.Values.Keys)).Distinct().ToArray();

    /// <summary>A run's test predictions (read on demand: only the best run's are needed).</summary>
    public IReadOnlyList<TestPrediction> PredictionsOf(RunResult run) => TestPrediction.Read(run);

    /// <param name="histories">False leaves every run's History empty and its ConfigYaml null (no run folder
    /// is read): `runner serve` keeps the curves of 10,000 runs in its own compact store instead.</param>
    public static ResultsTable Load(string experimentDirectory, Action<string> log, bool histories = true)
    {
        var directory = Path.GetFullPath(experimentDirectory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"results folder '{experimentDirectory}' does not exist");
        var runsPath = Path.Combine(directory, ResultsLayout.RunsFile);
        if (!File.Exists(runsPath))
            throw new FileNotFoundException($"'{experimentDirectory}' has no {ResultsLayout.RunsFile}: no sweep has recorded runs there yet", runsPath);

        var warnings = new List<string>();
        void Warn(string message) { warnings.Add(message); log($"warning: {message}"); }

        var sweep = SweepInfoReader.Read(Path.Combine(directory, ResultsLayout.SweepFile), Path.GetFileName(directory), Warn);
        var csv = CsvText.Read(runsPath);
        if (csv.SkippedRows > 0) Warn($"{ResultsLayout.RunsFile}: skipped {csv.SkippedRows} malformed row(s)");
        var axes = sweep.Axes.Count > 0 ? sweep.Axes : AxesFromHeader(csv.Header);
        foreach (var missing in axes.Where(a => !csv.Header.Contains(a)))
            Warn($"{ResultsLayout.RunsFile} has no column for sweep axis '{missing}'");
        var metrics = MetricColumns(csv.Header);

        // One row per run folder (id + config hash); should a row appear twice, the last one wins.
        var rows = csv.Rows.Where(r => r.ContainsKey(RunsColumns.RunId))
            .GroupBy(r => r.TryGetValue(RunsColumns.Directory, out var d) && d.Length > 0 ? d : r[RunsColumns.RunId]).Select(g => g.Last()).ToArray();
        var (current, earlier) = SplitByPlan(rows, sweep.Plan);
        var runs = current.Select(row => ReadRun(directory, row, axes, Warn, histories)).ToArray();
        var earlierRuns = earlier.Select(row => ReadRun(directory, row, axes, _ => { }, histories)).ToArray();
        foreach (var run in runs.Where(r => !RunStatus.Known(r.Status)))
            Warn($"{runsPath}: run {run.RunId} has an unknown status (the file is damaged); it is shown as is");
        var configurations = Group(runs, axes.Where(a => a != SeedAxis.Name).ToArray(), sweep.Experiment);
        var experimentPath = Path.Combine(directory, ResultsLayout.ExperimentFile);
        var experimentYaml = File.Exists(experimentPath) ? File.ReadAllText(experimentPath) : null;
        if (experimentYaml is null) Warn($"{ResultsLayout.ExperimentFile} is missing");
        return new ResultsTable(directory, sweep, experimentYaml, axes, metrics, runs, earlierRuns, configurations, warnings);
    }

    /// <summary>
    /// The rows of the plan sweep.json names, in plan order, and the rest (earlier versions). Folders
    /// written before the plan was recorded fall back to runs.csv's version column, then to every row.
    /// </summary>
    static (IReadOnlyList<IReadOnlyDictionary<string, string>> Current, IReadOnlyList<IReadOnlyDictionary<string, string>> Earlier)
        SplitByPlan(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> plan)
    {
        if (plan.Count > 0)
        {
            var position = plan.Select((d, i) => (d, i)).GroupBy(p => p.d).ToDictionary(g => g.Key, g => g.First().i);
            bool InPlan(IReadOnlyDictionary<string, string> r) => r.TryGetValue(RunsColumns.Directory, out var d) && position.ContainsKey(d);
            return (rows.Where(InPlan).OrderBy(r => position[r[RunsColumns.Directory]]).ToArray(), rows.Where(r => !InPlan(r)).ToArray());
        }
        bool Earlier(IReadOnlyDictionary<string, string> r) => r.TryGetValue(RunsColumns.Version, out var v) && v == RunVersion.Earlier;
        return (rows.Where(r => !Earlier(r)).ToArray(), rows.Where(Earlier).ToArray());
    }

    static IReadOnlyList<string> AxesFromHeader(IReadOnlyList<string> header)
    {
        var status = header.ToList().IndexOf(RunsColumns.Status);
        return status < 1 ? [] : header.Skip(1).Take(status - 1).ToArray();
    }

    static IReadOnlyList<string> MetricColumns(IReadOnlyList<string> header)
    {
        var list = header.ToList();
        int from = list.IndexOf(RunsColumns.Epochs), to = list.IndexOf(RunsColumns.Parameters);
        return from >= 0 && to > from + 1
            ? list.GetRange(from + 1, to - from - 1)
            : ContractMetrics.Where(list.Contains).ToArray();
    }

    static RunResult ReadRun(string directory, IReadOnlyDictionary<string, string> row, IReadOnlyList<string> axes, Action<string> warn, bool histories)
    {
        string Cell(string column) => row.TryGetValue(column, out var v) ? v : "";
        var runId = Cell(RunsColumns.RunId);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in row.Keys.Where(c => !RunsColumns.Text.Contains(c) && !axes.Contains(c)))
            if (CsvText.Number(row, column) is { } number) values[column] = number;

        var runDirectory = Cell(RunsColumns.Directory);
        var folder = Path.Combine(directory, ResultsLayout.RunsFolder, runDirectory);
        var history = histories ? ReadHistory(folder, runId, Cell(RunsColumns.Status), warn) : [];
        var configPath = Path.Combine(folder, ResultsLayout.ConfigFile);
        return new RunResult(runId, axes.Select(a => new KeyValuePair<string, string>(a, Cell(a))).ToArray(),
            Cell(RunsColumns.Status), values, Cell(RunsColumns.Hash), runDirectory, Cell(RunsColumns.Reason), folder, history,
            histories && File.Exists(configPath) ? File.ReadAllText(configPath) : null);
    }

    static IReadOnlyList<EpochRecord> ReadHistory(string folder, string runId, string status, Action<string> warn)
    {
        var path = Path.Combine(folder, ResultsLayout.MetricsFile);
        if (!File.Exists(path))
        {
            // A run that failed before its first epoch legitimately has no history.
            if (status is RunStatus.Done or RunStatus.Pruned or RunStatus.Diverged)
                warn($"run {runId}: {Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(folder)!)!, path)} is missing; no learning curve for it");
            return [];
        }
        var csv = CsvText.Read(path);
        if (csv.SkippedRows > 0) warn($"run {runId}: skipped {csv.SkippedRows} malformed row(s) of {ResultsLayout.MetricsFile}");
        var history = new List<EpochRecord>();
        int damaged = 0;
        foreach (var row in csv.Rows)
        {
            if (row.Any(c => c.Value.Length > 0 && CsvText.Number(row, c.Key) is null)) damaged++;
            if (CsvText.Number(row, MetricsColumns.Epoch) is not { } epoch) continue;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var column in csv.Header.Where(c => c != MetricsColumns.Epoch))
                if (CsvText.Number(row, column) is { } v) values[column] = v;
            history.Add(new EpochRecord((int)epoch, values));
        }
        if (damaged > 0) warn($"run {runId}: {path}: {damaged} row(s) hold a value that is not a number (the file is damaged); those values are left out");
        return history;
    }

    static IReadOnlyList<Configuration> Group(IReadOnlyList<RunResult> runs, IReadOnlyList<string> configurationAxes, string experiment)
    {
        var groups = runs.GroupBy(r => string.Join("\u001f", configurationAxes.Select(r.AxisValue))).ToArray();
        return groups.Select((g, i) => new Configuration(i,
            configurationAxes.Select(a => new KeyValuePair<string, string>(a, g.First().AxisValue(a))).ToArray(),
            g.ToArray(), experiment)).ToArray();
    }
}
