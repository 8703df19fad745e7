namespace Runner.Results;

/// <summary>The fields of sweep.json: written by the recorder when a sweep starts and ends, read by the report and resume.</summary>
public static class SweepFileKeys
{
    public const string Experiment = "experiment";
    public const string Source = "source";          // the experiment file's full path
    public const string Started = "started";
    public const string Finished = "finished";
    public const string WallSeconds = "wall_seconds";
    public const string Runs = "runs";
    public const string Jobs = "jobs";
    public const string Machine = "machine";        // {cores, os, runtime}
    public const string Packages = "packages";
    public const string Axes = "axes";
    public const string Metric = "metric";
    public const string Objectives = "objectives";  // {name: "max" | "min"}, only when the report has some
    public const string Constraints = "constraints";  // ["parameters <= 50000", ...], only when the sweep has some
    public const string Plan = "plan";              // the run directories of the plan the folder last ran
    public const string Space = "space";            // {kind, search, log}: the search's shape (Planning's SweepShape)
}
