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
    int GraceSeconds)
{
    /// <summary>What is wrong with the request (a value that can't go into an #SBATCH line, a count below 1), or null.</summary>
    public string? Problem()
    {
        foreach (var (name, value) in new[] { ("--partition", Partition), ("--time", Time), ("--mem", Memory), ("--gpus", Gpus) })
            if (value is not null && !BatchScript.IsPlain(value)) return $"{name} '{value}' can't go into an #SBATCH line: no spaces, quotes or control characters";
        foreach (var value in SbatchArguments)
            if (!BatchScript.IsPlain(value) || !value.StartsWith('-'))
                return $"--sbatch '{value}' must be one sbatch option such as --account=lab (no spaces, quotes or control characters)";
        if (!BatchScript.IsPlain(ResultsRoot))
            return $"--results '{ResultsRoot}': Slurm's #SBATCH --output line can't hold a path with spaces or quotes; choose another folder";
        if (MaxParallel is < 1) return "--max-parallel takes a number >= 1";
        if (CpusPerTask < 1) return "--cpus-per-task takes a number >= 1";
        if (GraceSeconds < 0) return "--grace takes seconds >= 0";
        return null;
    }
}
