using System.Globalization;
using CsvHelper;
using Runner.Reporting.Statistics;
using Runner.Reporting.Tables;

namespace Runner.Reporting.Comparison;

/// <summary>
/// comparison.csv: the two leaderboards joined on configuration. Columns a_* belong to the first sweep,
/// b_* to the second; p_value is Welch's test of the compared metric between them.
/// </summary>
public static class ComparisonCsv
{
    public const string FileName = "comparison.csv";

    public static void Write(SweepComparison comparison, string path)
    {
        var m = comparison.Metric;
        using var csv = InvariantCsv.Create(path, new[] { "configuration" }
            .Concat(Side("a", m)).Concat(Side("b", m))
            .Concat(["difference_b_minus_a", "p_value", "verdict"]));
        foreach (var row in comparison.Rows)
        {
            csv.WriteField(row.Configuration);
            WriteSide(csv, row.A, m);
            WriteSide(csv, row.B, m);
            var difference = row.A is null || row.B is null ? double.NaN : row.B.Metric(m).Mean - row.A.Metric(m).Mean;
            csv.WriteField(NumberFormat.Machine(difference));
            csv.WriteField(row.Test is { } t ? NumberFormat.Machine(t.PValue) : "");
            csv.WriteField(row.Verdict);
            csv.NextRecord();
        }
    }

    static IEnumerable<string> Side(string prefix, string metric) =>
        [$"{prefix}_rank", $"{prefix}_n", $"{prefix}_{metric}_mean", $"{prefix}_{metric}_ci95_low", $"{prefix}_{metric}_ci95_high"];

    static void WriteSide(CsvWriter csv, LeaderboardRow? row, string metric)
    {
        var s = row?.Metric(metric) ?? SampleSummary.Empty;
        csv.WriteField(row?.Rank?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(row is null ? "" : s.Count.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(NumberFormat.Machine(s.Mean));
        csv.WriteField(NumberFormat.Machine(s.CiLow));
        csv.WriteField(NumberFormat.Machine(s.CiHigh));
    }
}
