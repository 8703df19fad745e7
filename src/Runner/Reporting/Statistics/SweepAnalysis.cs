using Runner.Reporting.Constraints;
using Runner.Reporting.Results;

namespace Runner.Reporting.Statistics;

/// <summary>
/// The statistics of one sweep, computed once from a <see cref="ResultsTable"/>: the leaderboard with
/// significance verdicts, marginal effects per axis value, axis-pair grids and learning-curve bands.
/// Every exporter reads this and computes nothing of its own.
/// </summary>
public sealed class SweepAnalysis
{
    SweepAnalysis(ResultsTable table, IReadOnlyList<LeaderboardRow> leaderboard, RunResult? bestRun,
        IReadOnlyList<TestPrediction> bestRunPredictions,
        Lazy<IReadOnlyList<AxisEffect>> effects, Lazy<IReadOnlyList<AxisPairGrid>> pairs, Lazy<IReadOnlyList<CurveBand>> curves)
    {
        Table = table;
        Leaderboard = leaderboard;
        BestRun = bestRun;
        BestRunPredictions = bestRunPredictions;
        _effects = effects;
        _pairs = pairs;
        _curves = curves;
    }

    public ResultsTable Table { get; }
    public string Metric => Table.Metric;
    public bool Maximize => Table.Maximize;

    /// <summary>Every configuration, best first; configurations without a value come last.</summary>
    public IReadOnlyList<LeaderboardRow> Leaderboard { get; }

    public LeaderboardRow? Best => Leaderboard.FirstOrDefault(r => r.Verdict == Verdict.Best);

    /// <summary>The finished run of the best configuration with the best compared metric.</summary>
    public RunResult? BestRun { get; }

    /// <summary>The best run's test predictions (empty without a best run or its file).</summary>
    public IReadOnlyList<TestPrediction> BestRunPredictions { get; }

    /// <summary>The best run's confusion matrix, at least <paramref name="classes"/> wide when the class count is known.</summary>
    public ConfusionMatrix? BestRunConfusion(int? classes = null) =>
        BestRunPredictions.Count == 0 ? null : ConfusionMatrix.Of(BestRunPredictions, classes);

    // Computed when first asked for: a search of thousands of trials has thousands of values per axis, and
    // `runner serve` ranks such a sweep without ever drawing its pair grids.
    readonly Lazy<IReadOnlyList<AxisEffect>> _effects;
    readonly Lazy<IReadOnlyList<AxisPairGrid>> _pairs;
    readonly Lazy<IReadOnlyList<CurveBand>> _curves;

    public IReadOnlyList<AxisEffect> Effects => _effects.Value;
    public IReadOnlyList<AxisPairGrid> Pairs => _pairs.Value;
    public IReadOnlyList<CurveBand> Curves => _curves.Value;

    public static SweepAnalysis Of(ResultsTable table)
    {
        var leaderboard = Rank(table);
        var best = leaderboard.FirstOrDefault(r => r.Verdict == Verdict.Best);
        var bestRun = best?.Configuration.DoneRuns
            .Where(r => r.Value(table.Metric) is { } v && double.IsFinite(v) && RunFeasibility.Feasible(table, r))
            .OrderBy(r => Signed(table, r.Value(table.Metric)!.Value)).FirstOrDefault();
        var predictions = bestRun is null ? [] : table.PredictionsOf(bestRun);
        return new SweepAnalysis(table, leaderboard, bestRun, predictions,
            new(() => ComputeEffects(table)), new(() => ComputePairs(table)), new(() => ComputeCurves(table)));
    }

    /// <summary>Sort key that puts the best value first whichever direction is better.</summary>
    static double Signed(ResultsTable table, double value) => table.Maximize ? -value : value;

    static double[] MetricValues(IEnumerable<RunResult> runs, string metric) =>
        runs.Where(r => r.IsDone).Select(r => r.Value(metric) ?? double.NaN).ToArray();

    static IReadOnlyList<LeaderboardRow> Rank(ResultsTable table)
    {
        // A run that breaks a constraint of the sweep is left out of the ranking (feasible first); its configuration is
        // ranked on its feasible runs, or marked infeasible when it has none.
        double[] FinishedValues(Configuration c, string metric) => table.Sweep.Constraints.Any
            ? c.DoneRuns.Where(r => RunFeasibility.Feasible(table, r)).Select(r => r.Value(metric) ?? double.NaN).ToArray()
            : c.FinishedValues(metric);
        var summaries = table.Configurations.Select(c => (Configuration: c,
            Metrics: (IReadOnlyDictionary<string, SampleSummary>)table.Metrics.Append("seconds").Distinct()
                .ToDictionary(m => m, m => SampleSummary.Of(FinishedValues(c, m), m)))).ToArray();
        var ordered = summaries
            .OrderBy(s => s.Metrics.TryGetValue(table.Metric, out var m) && m.Count > 0 ? 0 : 1)
            .ThenBy(s => s.Metrics.TryGetValue(table.Metric, out var m) && m.Count > 0 ? Signed(table, m.Mean) : 0)
            .ThenBy(s => s.Configuration.Index)
            .ToArray();
        var bestValues = ordered.Length > 0 ? FinishedValues(ordered[0].Configuration, table.Metric) : [];
        var bestHasValue = bestValues.Any(double.IsFinite);
        // Seeds below what gives an interval give no test either: the report can't call a 95% interval useless and
        // a difference significant from the same two values.
        WelchResult? Test(double[] values) =>
            Math.Min(bestValues.Count(double.IsFinite), values.Count(double.IsFinite)) < SampleSummary.MinSeedsForInterval
                ? null : WelchTest.TwoSided(bestValues, values);
        var tests = ordered.Select((s, i) => i == 0 && bestHasValue ? null : Test(FinishedValues(s.Configuration, table.Metric))).ToArray();
        // Every configuration is tested against the same best: Holm keeps the chance of any false "worse" at 0.05, as the race does.
        var tested = Enumerable.Range(0, tests.Length).Where(i => tests[i] is not null).ToArray();
        var adjusted = Holm.Adjust(tested.Select(i => tests[i]!.PValue).ToArray());
        for (int k = 0; k < tested.Length; k++) tests[tested[k]] = tests[tested[k]]! with { PValue = adjusted[k] };
        return ordered.Select((s, i) =>
        {
            var values = FinishedValues(s.Configuration, table.Metric);
            if (!values.Any(double.IsFinite))
                return new LeaderboardRow(null, s.Configuration, s.Metrics, null,
                    s.Configuration.DoneRuns.Count > 0 && s.Configuration.DoneRuns.All(r => !RunFeasibility.Feasible(table, r)) ? Verdict.Infeasible : Verdict.NoFinishedRuns);
            if (i == 0 && bestHasValue) return new LeaderboardRow(1, s.Configuration, s.Metrics, null, Verdict.Best);
            var test = tests[i];
            var verdict = test is null ? Verdict.TooFewRuns
                : test.PValue < VerdictText.Alpha ? Verdict.Worse
                : Verdict.NotDistinguishable;
            return new LeaderboardRow(i + 1, s.Configuration, s.Metrics, test, verdict);
        }).ToArray();
    }

    static IReadOnlyList<AxisEffect> ComputeEffects(ResultsTable table) =>
        table.ConfigurationAxes.SelectMany(axis => table.ValuesOf(axis).Select(value =>
            new AxisEffect(axis, value, SampleSummary.Of(MetricValues(table.Runs.Where(r => r.AxisValue(axis) == value), table.Metric), table.Metric))))
        .ToArray();

    static IReadOnlyList<AxisPairGrid> ComputePairs(ResultsTable table)
    {
        var axes = table.ConfigurationAxes;
        var grids = new List<AxisPairGrid>();
        for (var i = 0; i < axes.Count; i++)
            for (var j = i + 1; j < axes.Count; j++)
            {
                var columns = table.ValuesOf(axes[i]);
                var rows = table.ValuesOf(axes[j]);
                var cells = new SampleSummary[rows.Count, columns.Count];
                for (var r = 0; r < rows.Count; r++)
                    for (var c = 0; c < columns.Count; c++)
                        cells[r, c] = SampleSummary.Of(MetricValues(
                            table.Runs.Where(run => run.AxisValue(axes[i]) == columns[c] && run.AxisValue(axes[j]) == rows[r]), table.Metric), table.Metric);
                grids.Add(new AxisPairGrid(axes[i], columns, axes[j], rows, cells));
            }
        return grids;
    }

    static IReadOnlyList<CurveBand> ComputeCurves(ResultsTable table) =>
        table.Configurations.SelectMany(c =>
        {
            // Finished runs tell the configuration's story; a sweep still running shows what it has.
            var runs = c.DoneRuns.Any(r => r.History.Count > 0) ? c.DoneRuns : c.Runs;
            return table.HistoryColumns.Select(column => CurveBand.Of(c, column, runs)).OfType<CurveBand>();
        }).ToArray();
}
