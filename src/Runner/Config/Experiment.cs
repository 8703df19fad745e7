using Runner.Data;
using Runner.Models.Specs;
using Runner.Results;

namespace Runner.Config;

/// <summary>
/// One fully resolved experiment: every value checked, every default filled in. A sweep expands into
/// one of these per run.
/// </summary>
public sealed record Experiment(
    string Name,
    DataSpec Data,
    ModelSpec Model,
    TrainSpec Train,
    PruningSpec? Pruning,     // sweep-level pruning of hopeless runs (issue 3); null = off
    ReportSpec Report,
    bool TensorBoard);

/// <summary>`train:`.</summary>
public sealed record TrainSpec(
    ComponentSpec Optimizer,
    ComponentSpec Loss,
    IReadOnlyList<ComponentSpec> Metrics,   // as requested; loss and accuracy are recorded besides (MetricSet)
    int Epochs,
    int BatchSize,
    int Seed,
    bool Shuffle,
    string Device,
    int Threads,              // torch intra-op threads; 0 = decided by the runner (all cores, split across --jobs)
    EarlyStoppingSpec? EarlyStopping,
    string Fuse = TrainSpec.FuseAuto)  // auto: same-shape runs may train as one stacked model; off: never
{
    public const string FuseAuto = "auto", FuseOff = "off";
}

/// <summary>`train.early_stopping: {monitor: val_loss, patience: 3, min_delta: 0, restore_best: true}`.</summary>
public sealed record EarlyStoppingSpec(string Monitor, int Patience, double MinDelta, bool RestoreBest)
{
    /// <summary>As the monitored metric declares (higher is better for all but the loss).</summary>
    public bool Maximize => RecordedMetrics.HigherIsBetter(Monitor);
}

/// <summary>
/// `pruning: {method: median, monitor: val_accuracy, at_epochs: [1, 2], min_runs: 3}` or
/// `{method: successive_halving, monitor: val_accuracy, at_epochs: [1, 3], keep_fraction: 0.5}`, or
/// `{method: asha | hyperband, monitor: val_accuracy, min_epochs: 1, reduction: 3}` (whose rungs are
/// geometric: AtEpochs then lists every epoch that is a rung of some run).
/// </summary>
public sealed record PruningSpec(string Method, string Monitor, IReadOnlyList<int> AtEpochs, int MinRuns, double KeepFraction,
    int MinEpochs = 1, int Reduction = 3)
{
    /// <summary>ASHA and Hyperband place their own rungs from min_epochs and reduction.</summary>
    public bool Geometric => IsGeometric(Method);

    public static bool IsGeometric(string method) => method is "asha" or "hyperband";

    public bool Maximize => RecordedMetrics.HigherIsBetter(Monitor);
}

/// <summary>`report: {metric: val_accuracy}`: the metric that the leaderboard and charts compare.</summary>
public sealed record ReportSpec(string Metric)
{
    public bool Maximize => RecordedMetrics.HigherIsBetter(Metric);

    /// <summary>`objectives:` for the report's Pareto front; none by default. They change what the report
    /// shows, not what a run trains, so they are not part of a run's resolved config (nor its hash).</summary>
    public IReadOnlyList<ReportObjective> Objectives { get; init; } = [];
}
