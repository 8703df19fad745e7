namespace Runner.Results;

/// <summary>
/// The names of the files and folders a sweep writes under <c>results/&lt;name&gt;/</c>: the recorder
/// writes them, the report, status, predict and export commands read them. Declared here only.
/// </summary>
public static class ResultsLayout
{
    // results/<name>/
    public const string ExperimentFile = "experiment.yaml";   // the experiment file as the user gave it
    public const string SweepFile = "sweep.json";             // the sweep's plan, axes, machine and timing
    public const string RunsFile = "runs.csv";                // one row per run (see RunsColumns)
    public const string SweepLogFile = "sweep.log";
    public const string RunsFolder = "runs";                  // one folder per run, named by PlannedRun.DirectoryName
    public const string ReportFolder = "report";
    public const string DecisionsFile = "decisions.jsonl";    // the adaptive sweeps' decision journal
    public const string SlurmFolder = "slurm";                // submissions, task lists and logs of `runner submit`
    /// <summary>The folders of an experiment's results folder (what <c>ResultsFolderGuard.Check</c> wants to be folders).</summary>
    public static readonly string[] Folders = [RunsFolder, ReportFolder, SlurmFolder];

    // results/<name>/runs/<directory>/
    public const string ConfigFile = "config.yaml";           // the run's resolved config
    public const string MetricsFile = "metrics.csv";          // one row per epoch (see MetricsColumns)
    public const string PredictionsFile = "test_predictions.csv";
    public const string SummaryFile = "summary.txt";
    public const string ModelFile = "model.bin";
    public const string BestModelFile = "best_model.bin";     // early stopping's best epoch, with restore_best
    public const string ResultFile = "result.json";           // the RunOutcome, written last: a run without it has not ended
    public const string LockFile = ".lock";                   // held by the process training the run
    public const string TensorBoardFolder = "tensorboard";    // with `tensorboard: true`

    /// <summary>
    /// A name read from a results file that must name a folder inside runs/: one plain path component, so that
    /// `../../outside` or `/dev/stdin` in someone else's sweep.json can't make Runner read outside the folder.
    /// </summary>
    public static bool IsRunFolderName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && !name.Any(c => c is '/' or '\\' || char.IsControl(c));

    /// <summary>The metric compared when sweep.json names none.</summary>
    public const string DefaultMetric = "val_accuracy";
}
