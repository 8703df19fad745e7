namespace Runner.Reporting.Results;

/// <summary>
/// The names of the files a sweep writes under <c>results/&lt;name&gt;/</c>: the contract between the
/// recorder, which writes them, and the report, which only reads them.
/// </summary>
public static class ResultsLayout
{
    public const string ExperimentFile = "experiment.yaml";
    public const string SweepFile = "sweep.json";
    public const string RunsFile = "runs.csv";
    public const string RunsFolder = "runs";
    public const string ConfigFile = "config.yaml";
    public const string MetricsFile = "metrics.csv";
    public const string PredictionsFile = "test_predictions.csv";
    public const string SummaryFile = "summary.txt";
    public const string ReportFolder = "report";
    public const string TensorBoardFolder = "tensorboard";
    public const string DecisionsFile = "decisions.jsonl"; // the adaptive sweeps' decision journal

    /// <summary>The sweep axis that means "repeat with another seed": statistics go across it.</summary>
    public const string SeedAxis = "seed";

    /// <summary>The metric compared when sweep.json names none.</summary>
    public const string DefaultMetric = "val_accuracy";
}
