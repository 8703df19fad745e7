using System.Globalization;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Reporting.Charts;

/// <summary>One finished trial of a search: its number, its run and its compared metric.</summary>
internal sealed record SearchTrial(int Number, RunResult Run, double Value);

/// <summary>
/// The finished trials of a random or TPE search in the order they were proposed: by the runs.csv
/// column <c>trial</c> where the sweep writes one, else in plan order. Diverged and unfinished runs have no value and are left out.
/// </summary>
internal static class SearchTrials
{
    public const string TrialColumn = "trial";

    public static IReadOnlyList<SearchTrial> Of(SweepAnalysis analysis) =>
        analysis.Table.Runs.Select((run, i) => (Run: run, Number: run.Value(TrialColumn) is { } t ? (int)t : i + 1))
            .Where(t => t.Run.IsDone && t.Run.Value(analysis.Metric) is { } v && double.IsFinite(v))
            .Select(t => new SearchTrial(t.Number, t.Run, t.Run.Value(analysis.Metric)!.Value))
            .OrderBy(t => t.Number).ToArray();

    /// <summary>The value of <paramref name="axis"/> as a number, null where it is a category (relu, adam).</summary>
    public static double? Number(RunResult run, string axis) =>
        double.TryParse(run.AxisValue(axis), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
