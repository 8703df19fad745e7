using System.Globalization;
using Runner.Files;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Results;

namespace Runner.Serve;

/// <summary>
/// The JSON the dashboard's pages read: plain values only (numbers, text, lists), which the front end
/// puts into the page as text, never as markup. NaN and infinities, which JSON can't carry, become null.
/// </summary>
public static class DashboardJson
{
    /// <summary>The summary of one sweep for the list of sweeps.</summary>
    public static object Summary(string key, string folder, long version, SweepSnapshot? s) => new
    {
        key,
        name = s?.Table?.Sweep.Experiment ?? Path.GetFileName(folder),
        folder,
        version,
        loading = s is null,
        problem = s?.Problem,
        kind = s?.Space.Kind,
        metric = s?.Table?.Metric,
        runs = s?.Runs.Count ?? 0,
        statusLine = s?.StatusLine,
        best = s?.Analysis?.Best is { } best ? N(best.Metric(s.Analysis.Metric).Mean) : null,
        bestLabel = s?.Analysis?.Best?.Configuration.Label,
        started = s?.Table?.Sweep.Started?.ToString("u", CultureInfo.InvariantCulture),
        finished = s?.Table?.Sweep.Finished?.ToString("u", CultureInfo.InvariantCulture),
    };

    /// <summary>The leaderboard rows a sweep's JSON carries (the page shows the first 200).</summary>
    public const int LeaderboardRows = 1000;

    /// <summary>Everything a sweep's views need but the curves: axes, leaderboard and every run's final values.</summary>
    public static object Sweep(SweepSnapshot s, long version)
    {
        var table = s.Table;
        var axes = table?.ConfigurationAxes ?? [];
        var metrics = table?.Metrics ?? [];
        return new
        {
            key = s.Key,
            name = table?.Sweep.Experiment ?? Path.GetFileName(s.Folder.Path),
            folder = s.Folder.Path,
            version,
            problem = s.Problem,
            kind = s.Space.Kind,
            search = s.Space.IsSearch,
            metric = table?.Metric ?? ResultsLayout.DefaultMetric,
            maximize = table?.Maximize ?? true,
            statusLine = s.StatusLine,
            allEnded = s.AllEnded,
            axes = axes.Select(a => new { name = a, log = s.Space.LogAxes.Contains(a), numeric = IsNumeric(table!, a) }).ToArray(),
            metrics,
            historyColumns = s.Runs.SelectMany(r => r.Summary.Columns).Distinct().ToArray(),
            warnings = table?.Warnings ?? [],
            // The best rows only: no view shows more, and 10,000 rows would double what the first view waits for.
            leaderboard = s.Analysis?.Leaderboard.Take(LeaderboardRows).Select(row => Row(row, s.Analysis.Metric)).ToArray() ?? [],
            configurations = s.Analysis?.Leaderboard.Count ?? 0,
            topCurves = TopCurves(s, table?.Metric ?? ResultsLayout.DefaultMetric),
            runs = s.Runs.Select((r, i) => new
            {
                i,
                id = r.RunId,
                state = r.State,
                where = r.Where,
                epoch = r.Epoch,
                epochs = r.Epochs,
                reason = r.Result?.Reason ?? "",
                config = ConfigOf(s, r),
                axes = axes.Select(a => r.Result?.AxisValue(a) ?? "").ToArray(),
                seed = r.Result?.AxisValue(SeedAxis.Name) ?? "",
                metric = Single(MetricOf(r, table?.Metric ?? ResultsLayout.DefaultMetric)),
            }).ToArray(),
        };
    }

    /// <summary>The configurations drawn with the first view's leaderboard.</summary>
    public const int TopCurveConfigurations = 5;

    /// <summary>
    /// The compared metric's curve of every run of the best configurations, from the runs' summaries (at
    /// most <see cref="CurveStore.SummaryPoints"/> epochs): the first view draws them without asking again.
    /// </summary>
    static object[] TopCurves(SweepSnapshot s, string metric)
    {
        if (s.Analysis is null) return [];
        var served = s.Runs.Where(r => r.Result is not null).ToDictionary(r => r.Result!);
        return s.Analysis.Leaderboard.Where(row => row.Rank is not null).Take(TopCurveConfigurations).Select(row => (object)new
        {
            config = row.Configuration.Index,
            label = row.Configuration.Label,
            runs = row.Configuration.Runs.Where(served.ContainsKey).Select(r => served[r].Summary)
                .Where(c => c.Column(metric) is not null)
                .Select(c => new { epochs = c.Epochs, values = Values(c.Column(metric)) }).ToArray(),
        }).ToArray();
    }

    static object Row(LeaderboardRow row, string metric)
    {
        var m = row.Metric(metric);
        var (low, high, band) = Interval(m);
        return new
        {
            rank = row.Rank,
            config = row.Configuration.Index,
            label = row.Configuration.Label,
            mean = N(m.Mean),
            low,
            high,
            band,
            n = m.Count,
            p = N(row.VersusBest?.PValue),
            verdict = row.Verdict.ToString(),
            verdictText = row.Verdict.Describe(),
            statuses = row.Configuration.StatusSummary,
        };
    }

    /// <summary>The interval shown around a mean, and what it is: a 95% CI from 3 values, else the min-max of 2, else none.</summary>
    public static (double? Low, double? High, string Band) Interval(SampleSummary m) =>
        m.HasInterval ? (N(m.CiLow), N(m.CiHigh), "95% CI")
        : m.Count >= 2 ? (N(m.Min), N(m.Max), $"min-max, {m.Count} seeds")
        : (null, null, "");

    /// <summary>The run's final value, or its latest epoch's while it trains.</summary>
    static double? MetricOf(ServedRun run, string metric) =>
        run.Result?.Value(metric) is { } final && run.Ended ? final : run.Summary.Last(metric) ?? run.Result?.Value(metric);

    static bool IsNumeric(ResultsTable table, string axis) =>
        table.Runs.All(r => double.TryParse(r.AxisValue(axis), NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>
    /// Learning curves of one metrics.csv column: the mean and min-max band of each asked configuration over
    /// its runs (epochs of runs still training included), and each run still going that has no configuration yet.
    /// </summary>
    public static object Curves(SweepSnapshot s, CurveStore store, string column, IReadOnlyList<int> configs)
    {
        var table = s.Table;
        var served = s.Runs.Where(r => r.Result is not null).ToDictionary(r => r.Result!);
        var bands = configs.Where(i => table is not null && i >= 0 && i < table.Configurations.Count).Select(i =>
        {
            var c = table!.Configurations[i];
            var runs = c.Runs.Select(r => served.TryGetValue(r, out var run) ? WithCurve(r, store.Full(run.MetricsCsv), column) : r).ToArray();
            var done = runs.Where(r => r.IsDone && r.History.Count > 0).ToArray();
            var band = CurveBand.Of(c, column, done.Length > 0 ? done : runs);
            return band is null ? null : new
            {
                config = i,
                label = c.Label,
                epochs = band.Epochs,
                mean = band.Mean.Select(v => N(v)).ToArray(),
                low = band.Low.Select(v => N(v)).ToArray(),
                high = band.High.Select(v => N(v)).ToArray(),
                runs = band.Runs,
                bandName = band.Runs >= 2 ? $"min-max, {band.Runs} seeds" : "one run",
            };
        }).OfType<object>().ToArray();
        var live = s.Runs.Where(r => r.Result is null && r.Summary.Epochs.Length > 0).Select(r =>
        {
            var curves = store.Full(r.MetricsCsv);
            return new { id = r.RunId, epochs = curves.Epochs, values = Values(curves.Column(column)) };
        }).ToArray();
        return new { column, bands, live };
    }

    /// <summary>The run with one column of its curves as its history (CurveBand reads histories).</summary>
    static RunResult WithCurve(RunResult r, RunCurves curves, string column)
    {
        var values = curves.Column(column);
        var history = curves.Epochs.Select((epoch, k) => new EpochRecord(epoch, values is not null && float.IsFinite(values[k])
            ? new Dictionary<string, double> { [column] = values[k] } : new Dictionary<string, double>())).ToArray();
        return new RunResult(r.RunId, r.AxisValues, r.Status, r.Values, r.Hash, r.Directory, r.Reason, r.Folder, history, r.ConfigYaml);
    }

    /// <summary>
    /// The summary curves of one column (at most <see cref="CurveStore.SummaryPoints"/> epochs) of every run, or of
    /// the best <see cref="MaxFadedRuns"/> by the compared metric: what a search's learning-curve view draws faded
    /// behind its best configurations.
    /// </summary>
    public static object Summaries(SweepSnapshot s, string column)
    {
        var metric = s.Table?.Metric ?? ResultsLayout.DefaultMetric;
        var sign = s.Table?.Maximize ?? true ? -1 : 1;
        var withCurve = s.Runs.Select((r, i) => (r, i)).Where(p => p.r.Summary.Column(column) is not null).ToArray();
        // The best runs by the compared metric when there are more than a page can draw faded and still read.
        var shown = withCurve.OrderBy(p => MetricOf(p.r, metric) is { } v && double.IsFinite(v) ? 0 : 1)
            .ThenBy(p => MetricOf(p.r, metric) is { } v && double.IsFinite(v) ? sign * v : 0)
            .Take(MaxFadedRuns).OrderBy(p => p.i);
        return new
        {
            column,
            points = CurveStore.SummaryPoints,
            total = withCurve.Length,
            runs = shown.Select(p => new
            {
                p.i,
                config = ConfigOf(s, p.r),
                epochs = p.r.Summary.Epochs,
                values = Values(p.r.Summary.Column(column)),
            }).ToArray(),
        };
    }

    /// <summary>The runs a search's learning-curve view draws faded, at most: past that they are one grey blot.</summary>
    public const int MaxFadedRuns = 2000;

    static int? ConfigOf(SweepSnapshot s, ServedRun run) =>
        run.Result is { } result && s.ConfigurationOf.TryGetValue(result, out var c) ? c : null;

    static float?[] Values(float[]? values) => values?.Select(v => float.IsFinite(v) ? v : (float?)null).ToArray() ?? [];

    /// <summary>One run's own page: its values, every epoch of its curves, resolved config, summary and confusion matrix.</summary>
    public static object Run(SweepSnapshot s, CurveStore store, int index)
    {
        var run = s.Runs[index];
        var curves = store.Full(run.MetricsCsv);
        var configYaml = run.Files is { } files ? SmallText(files.ConfigYaml) : null;
        var confusion = run.Files is not null && run.Result is { } result && s.Table is { } table ? Confusion(table, result, configYaml) : null;
        return new
        {
            i = index,
            sweep = s.Key,
            id = run.RunId,
            dir = run.Directory,
            state = run.State,
            where = run.Where,
            epoch = run.Epoch,
            epochs = run.Epochs,
            reason = run.Result?.Reason ?? "",
            axes = run.Result?.AxisValues.Select(a => new { name = a.Key, value = a.Value }).ToArray() ?? [],
            values = run.Result?.Values.Select(v => new { name = v.Key, value = N(v.Value) }).ToArray() ?? [],
            columns = curves.Columns,
            curveEpochs = curves.Epochs,
            curves = curves.Values.Select(v => Values(v)).ToArray(),
            config = configYaml,
            summary = run.Files is { } folder ? SmallText(folder.SummaryTxt) : null,
            confusion,
        };
    }

    /// <summary>The run's confusion matrix, its rows and columns named as its dataset names its classes (the page shows them as text).</summary>
    static object? Confusion(ResultsTable table, RunResult run, string? configYaml)
    {
        var predictions = table.PredictionsOf(run);
        if (predictions.Count == 0) return null;
        var matrix = ConfusionMatrix.Of(predictions);
        var classNames = RunClassNames.Of(configYaml, RunClassNames.ConfigDirectory(table));
        return new
        {
            classes = matrix.Classes,
            names = Enumerable.Range(0, matrix.Classes).Select(c => RunClassNames.Name(classNames, c)).ToArray(),
            total = matrix.Total,
            correct = matrix.Correct,
            counts = Enumerable.Range(0, matrix.Classes).Select(r => Enumerable.Range(0, matrix.Classes).Select(c => matrix.Counts[r, c]).ToArray()).ToArray(),
        };
    }

    /// <summary>A text file of the run shown as is, when it is a regular file of at most 1 MB.</summary>
    static string? SmallText(string path) =>
        FileKind.Of(path) == FileType.Regular ? BoundedRead.Text(path, 1024 * 1024) : null;

    /// <summary>A value as float32, whose JSON is half as long: for the one number of each of 10,000 runs.</summary>
    static float? Single(double? value) => N(value) is { } v ? (float)v : null;

    public static double? N(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
