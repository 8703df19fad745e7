using System.Globalization;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Tables;

/// <summary>report/axis_effects.csv: the compared metric per axis value, averaged over everything else.</summary>
public static class AxisEffectsCsv
{
    public const string FileName = "axis_effects.csv";

    public static void Write(SweepAnalysis analysis, string path)
    {
        using var csv = InvariantCsv.Create(path,
            ["axis", "value", "n", $"{analysis.Metric}_mean", $"{analysis.Metric}_ci95_low", $"{analysis.Metric}_ci95_high"]);
        foreach (var e in analysis.Effects)
        {
            csv.WriteField(e.Axis);
            csv.WriteField(e.Value);
            csv.WriteField(e.Metric.Count.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(NumberFormat.Machine(e.Metric.Mean));
            csv.WriteField(NumberFormat.Machine(e.Metric.CiLow));
            csv.WriteField(NumberFormat.Machine(e.Metric.CiHigh));
            csv.NextRecord();
        }
    }
}
