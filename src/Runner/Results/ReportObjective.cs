namespace Runner.Results;

/// <summary>
/// One objective of a multi-objective report (`report: {objectives: {val_accuracy: max, parameters: min}}`):
/// a recorded metric, or one of <see cref="RunFacts"/>. A metric's direction is the one it declares
/// (<see cref="RecordedMetrics.HigherIsBetter"/>); the config refuses the other.
/// </summary>
public sealed record ReportObjective(string Name, bool Maximize)
{
    public const string Max = "max", Min = "min";

    /// <summary>At most this many objectives: a front in more dimensions holds nearly every run.</summary>
    public const int MaxCount = 4;

    /// <summary>
    /// What a run is besides its metrics: its parameter count, the memory its training needs and its wall time
    /// (runs.csv), and the seconds spent in training steps alone (metrics.csv's train_seconds, summed over the epochs).
    /// </summary>
    public static readonly IReadOnlyList<string> RunFacts = [RunsColumns.Parameters, RunsColumns.MemoryMb, RunsColumns.Seconds, MetricsColumns.TrainSeconds];

    public string Direction => Maximize ? Max : Min;
}
