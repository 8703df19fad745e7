namespace Runner.Reporting;

/// <summary>
/// A sweep compared on a training metric (no validation split: `accuracy`, `loss`) ranks how well each
/// configuration fits the data it trained on, not how well it generalises. The console and the report say so.
/// </summary>
public static class TrainingMetricNote
{
    public static bool IsTrainingMetric(string metric) =>
        Runner.Results.RecordedMetrics.Bare(metric) == metric;

    /// <summary>The note for <paramref name="metric"/>, or null when it is measured on held-out data.</summary>
    public static string? For(string metric) => IsTrainingMetric(metric)
        ? $"Note: the compared metric {metric} is a training metric (the experiment has no validation split), so the ranking " +
          "says which configuration fits its training data best, not which generalises best. Add data.validation_split " +
          $"(e.g. 0.2) to compare on val_{metric}."
        : null;
}
