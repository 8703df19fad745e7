namespace Runner.Reporting.Statistics;

/// <summary>How a configuration compares with the best one.</summary>
public enum Verdict
{
    Best,
    Worse,                // Holm-adjusted p < 0.05: the gap to the best is unlikely to be seed noise
    NotDistinguishable,   // Holm-adjusted p >= 0.05
    TooFewRuns,           // fewer than 3 finished runs on one side (SampleSummary.MinSeedsForInterval): no useful test
    NoFinishedRuns,
    Infeasible,           // every finished run breaks a constraint of the sweep (sweep: {constraints: [...]})
}

public static class VerdictText
{
    public const double Alpha = 0.05;

    public static string Describe(this Verdict verdict) => verdict switch
    {
        Verdict.Best => "best",
        Verdict.Worse => "worse than best at 0.05",
        Verdict.NotDistinguishable => "not distinguishable at 0.05",
        Verdict.TooFewRuns => $"too few runs to test (needs {SampleSummary.MinSeedsForInterval} seeds each)",
        Verdict.NoFinishedRuns => "no finished runs",
        Verdict.Infeasible => "infeasible (breaks a constraint)",
        _ => verdict.ToString(),
    };
}
