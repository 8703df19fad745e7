namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>What `runner submit` was asked for: the experiment as `run` would take it, and the Slurm resources.</summary>
public sealed record SubmitRequest(
    string ExperimentFile,
    IReadOnlyList<string> Overrides,
    int MaxRuns,
    string ResultsRoot,
    string? Partition,
    string? Time,
    int? MaxParallel,
    int CpusPerTask,
    string? Memory,
    string? Gpus,
    IReadOnlyList<string> SbatchArguments,
    int GraceSeconds);
