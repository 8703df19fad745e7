using System.Globalization;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Tables;

/// <summary>
/// report/leaderboard.csv: one row per configuration, best first, with mean and 95% CI bounds of
/// every final metric, the p-value against the best and the verdict. Invariant culture throughout.
/// </summary>
public static class LeaderboardCsv
{
    public const string FileName = "leaderboard.csv";

    public static void Write(SweepAnalysis analysis, string path)
    {
        var metrics = LeaderboardMetrics(analysis);
        using var csv = InvariantCsv.Create(path, Header(analysis, metrics));
        foreach (var row in analysis.Leaderboard)
        {
            var c = row.Configuration;
            csv.WriteField(row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(c.Key);
            foreach (var axis in analysis.Table.ConfigurationAxes) csv.WriteField(c.AxisValue(axis));
            csv.WriteField(c.Runs.Count.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Metric(analysis.Metric).Count.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.StatusSummary);
            foreach (var metric in metrics)
            {
                var s = row.Metric(metric);
                csv.WriteField(NumberFormat.Machine(s.Mean));
                csv.WriteField(NumberFormat.Machine(s.CiLow));
                csv.WriteField(NumberFormat.Machine(s.CiHigh));
            }
            csv.WriteField(row.VersusBest is { } t ? NumberFormat.Machine(t.PValue) : "");
            csv.WriteField(row.Verdict.Describe());
            csv.NextRecord();
        }
    }

    /// <summary>The compared metric first, then the other final metrics in runs.csv order, then seconds.</summary>
    public static IReadOnlyList<string> LeaderboardMetrics(SweepAnalysis analysis) =>
        new[] { analysis.Metric }.Concat(analysis.Table.Metrics).Append("seconds").Distinct().ToArray();

    static IEnumerable<string> Header(SweepAnalysis analysis, IReadOnlyList<string> metrics) =>
        new[] { "rank", "configuration" }
            .Concat(analysis.Table.ConfigurationAxes)
            .Concat(["runs", "n", "statuses"])
            .Concat(metrics.SelectMany(m => new[] { $"{m}_mean", $"{m}_ci95_low", $"{m}_ci95_high" }))
            .Concat(["p_value_vs_best", "verdict"]);
}
