namespace Runner.Results;

/// <summary>
/// The columns of runs.csv that are not metrics. A row reads: run_id, the sweep axes, status, epochs,
/// the final metrics, then parameters, memory_mb .. version.
/// </summary>
public static class RunsColumns
{
    public const string RunId = "run_id";
    public const string Status = "status";
    public const string Epochs = "epochs";
    public const string Parameters = "parameters";
    /// <summary>What training the run needs in memory, in MiB, as the model is worked out on paper (Config.Binding.MemoryEstimate).</summary>
    public const string MemoryMb = "memory_mb";
    public const string Seconds = "seconds";
    public const string Hash = "hash";
    public const string Directory = "directory";
    public const string Reason = "reason";
    public const string Version = "version";

    /// <summary>Every column runs.csv has whatever the sweep: no sweep axis may take one's name.</summary>
    public static readonly IReadOnlyList<string> Fixed = [RunId, Status, Epochs, Parameters, MemoryMb, Seconds, Hash, Directory, Reason, Version];

    /// <summary>The columns that hold text, not numbers.</summary>
    public static readonly IReadOnlyList<string> Text = [RunId, Status, Hash, Directory, Reason, Version];
}

/// <summary>The columns of a run's metrics.csv that are not metrics.</summary>
public static class MetricsColumns
{
    public const string Epoch = "epoch";
    public const string LearningRate = "learning_rate";
    public const string TrainSeconds = "train_seconds";
    public const string Seconds = "seconds";
}

/// <summary>The columns of a run's test_predictions.csv: the official test sample, its label and the prediction.</summary>
public static class PredictionColumns
{
    public const string Index = "index";
    public const string Label = "label";
    public const string Predicted = "predicted";

    public static readonly IReadOnlyList<string> All = [Index, Label, Predicted];
}
