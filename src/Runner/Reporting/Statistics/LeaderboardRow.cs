using Runner.Reporting.Results;

namespace Runner.Reporting.Statistics;

/// <summary>
/// One configuration on the leaderboard: mean and 95% CI of every final metric over its finished
/// runs, and how its compared metric stands against the best configuration.
/// </summary>
public sealed record LeaderboardRow(
    int? Rank,                                         // null when it has no value of the compared metric
    Configuration Configuration,
    IReadOnlyDictionary<string, SampleSummary> Metrics,
    WelchResult? VersusBest,                           // Welch's test against the best; its p Holm-adjusted over every configuration tested
    Verdict Verdict)
{
    public SampleSummary Metric(string name) => Metrics.TryGetValue(name, out var s) ? s : SampleSummary.Empty;
}
