using Runner.Reporting.Statistics;

namespace Runner.Reporting.Comparison;

/// <summary>One sweep in a comparison, with the short name tables and legends use for it.</summary>
public sealed record ComparedSweep(string Name, SweepAnalysis Analysis);

/// <summary>
/// One configuration across two sweeps: its leaderboard row in each (null where the sweep lacks it)
/// and Welch's test of the compared metric between them.
/// </summary>
public sealed record ComparisonRow(string Configuration, LeaderboardRow? A, LeaderboardRow? B, WelchResult? Test, string Verdict);

/// <summary>
/// Two sweeps side by side, joined on configuration (the non-seed axis values), compared on the first
/// sweep's metric. Computed once; the comparison's exporters read only this.
/// </summary>
public sealed class SweepComparison
{
    SweepComparison(ComparedSweep a, ComparedSweep b, string metric, IReadOnlyList<ComparisonRow> rows, WelchResult? bestVersusBest, IReadOnlyList<string> warnings)
    {
        A = a; B = b; Metric = metric; Rows = rows; BestVersusBest = bestVersusBest; Warnings = warnings;
    }

    public ComparedSweep A { get; }
    public ComparedSweep B { get; }
    public string Metric { get; }
    public bool Maximize => Runner.Results.RecordedMetrics.HigherIsBetter(Metric);
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>Welch's test between the best configuration of each sweep (null when either has under 2 runs).</summary>
    public WelchResult? BestVersusBest { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The resolved-config values that differ from A to B (runs paired by id, else first with first).</summary>
    public IReadOnlyList<string> ConfigChanges => Runner.Config.ConfigDiff.Between(
        A.Analysis.Table.Runs.Select(r => (r.RunId, r.ConfigYaml)).ToList(), B.Analysis.Table.Runs.Select(r => (r.RunId, r.ConfigYaml)).ToList());

    public static SweepComparison Of(SweepAnalysis a, SweepAnalysis b)
    {
        var (nameA, nameB) = Names(a, b);
        var metric = a.Metric;
        var warnings = new List<string>();
        if (b.Metric != metric)
            warnings.Add($"the sweeps compare different metrics ({a.Metric} and {b.Metric}); both are compared on {metric}");

        var keys = a.Leaderboard.Select(r => JoinKey(r.Configuration))
            .Concat(b.Leaderboard.Select(r => JoinKey(r.Configuration))).Distinct().ToArray();
        var rows = keys.Select(key =>
        {
            var ra = a.Leaderboard.FirstOrDefault(r => JoinKey(r.Configuration) == key);
            var rb = b.Leaderboard.FirstOrDefault(r => JoinKey(r.Configuration) == key);
            var test = ra is null || rb is null ? null
                : WelchTest.TwoSided(ra.Configuration.FinishedValues(metric), rb.Configuration.FinishedValues(metric));
            return new ComparisonRow(key, ra, rb, test, Verdict(ra, rb, test, metric, nameA, nameB));
        }).ToArray();

        var bestA = a.Best?.Configuration.FinishedValues(metric);
        var bestB = b.Best?.Configuration.FinishedValues(metric);
        var bestTest = bestA is null || bestB is null ? null : WelchTest.TwoSided(bestA, bestB);
        return new SweepComparison(new ComparedSweep(nameA, a), new ComparedSweep(nameB, b), metric, rows, bestTest, warnings);
    }

    /// <summary>
    /// What joins configurations across the sweeps: their axis values. A sweep without axes (only seeds) has one
    /// configuration, named after its experiment; two such sweeps (two versions of an experiment) join as "all runs".
    /// </summary>
    static string JoinKey(Results.Configuration c) => c.AxisValues.Count == 0 ? AllRuns : c.Key;

    public const string AllRuns = "all runs";

    /// <summary>Which of the two is better on the metric (by mean) and whether the difference is real.</summary>
    public static string Verdict(LeaderboardRow? a, LeaderboardRow? b, WelchResult? test, string metric, string nameA, string nameB)
    {
        if (a is null) return $"only in {nameB}";
        if (b is null) return $"only in {nameA}";
        if (test is null) return "too few runs to test";
        if (test.PValue >= VerdictText.Alpha) return "not distinguishable at 0.05";
        var aBetter = Runner.Results.RecordedMetrics.HigherIsBetter(metric) ? test.T > 0 : test.T < 0;
        return $"{(aBetter ? nameA : nameB)} better at 0.05";
    }

    /// <summary>The experiment names, or the folder names when both sweeps ran the same experiment.</summary>
    static (string A, string B) Names(SweepAnalysis a, SweepAnalysis b)
    {
        string nameA = a.Table.Sweep.Experiment, nameB = b.Table.Sweep.Experiment;
        if (nameA != nameB) return (nameA, nameB);
        nameA = Path.GetFileName(a.Table.Directory);
        nameB = Path.GetFileName(b.Table.Directory);
        return nameA != nameB ? (nameA, nameB) : ($"{nameA} (A)", $"{nameB} (B)");
    }
}
