using System.Globalization;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using Runner.Results;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods;

namespace Runner.Serve;

/// <summary>
/// A race sweep by round for the dashboard: in each round, which configurations were in, their mean and
/// interval over the seeds of that round, and who was eliminated with its Holm-adjusted p-value. The
/// rounds come from the decision journal through the sweep methods (ISweepMethod.Rounds: the race's own
/// reader); the values from runs.csv.
/// </summary>
public static class RaceRounds
{
    /// <summary>The rounds the sweep's journal holds (none for a sweep of another method, or a race not decided yet).</summary>
    public static object Of(SweepSnapshot s)
    {
        if (s.Table is not { } table) return new { rounds = Array.Empty<object>() };
        IReadOnlyList<(int Seeds, JournalEntry Entry)> rounds;
        try { rounds = SweepMethods.Rounds(DecisionJournal.Read(s.Folder.Path), DecisionJournal.FileName); }
        catch (Exception e) when (e is DecisionJournalException or InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return new { problem = e.Message, rounds = Array.Empty<object>() };
        }
        var byKey = table.Configurations.ToDictionary(c => c.Key);
        var stop = rounds.Count > 0 ? rounds[^1].Entry.Decisions.FirstOrDefault(d => d.Kind == Decision.Stop) : null;
        return new
        {
            metric = table.Metric,
            // The race's own answer, as the report gives it: a journal the results contradict gives no race result.
            ending = rounds.Count == 0 ? "No round has been decided yet."
                : Runner.Sweeps.SweepReportParts.All.SelectMany(p => p.Answer(table)).FirstOrDefault() ?? (stop is not null ? $"The race ended: {stop.Reason}." : "The race is still open."),
            rounds = rounds.Select((round, i) => new
            {
                round = i + 1,
                seeds = round.Seeds,
                entries = round.Entry.Decisions.Where(d => d.Kind is Decision.Survive or Decision.Eliminate).Select(d =>
                {
                    var configuration = byKey.GetValueOrDefault(d.Subject);
                    var summary = configuration is null ? SampleSummary.Empty
                        : SampleSummary.Of(configuration.DoneRuns.Where(r => SeedOf(r) <= round.Seeds).Select(r => r.Value(table.Metric) ?? double.NaN), table.Metric);
                    var (low, high, band) = DashboardJson.Interval(summary);
                    return new
                    {
                        config = configuration?.Index,
                        label = configuration?.Label ?? d.Subject,
                        eliminated = d.Kind == Decision.Eliminate,
                        mean = DashboardJson.N(d.Value ?? summary.Mean),
                        low,
                        high,
                        band,
                        n = summary.Count,
                        p = DashboardJson.N(d.PValue),
                        reason = d.Reason,
                    };
                }).ToArray(),
            }).ToArray(),
        };
    }

    static int SeedOf(RunResult run) =>
        int.TryParse(run.AxisValue(SeedAxis.Name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : int.MaxValue;
}
