namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// The real single-node Slurm that tests/slurm/cluster.sh started: its env file (cluster.env, or
/// $RUNNER_SLURM_ENV) gives SLURM_CONF, which this process and every runner it starts then use.
/// </summary>
public static class SlurmCluster
{
    public static string? EnvFile { get; } = Find();

    public static string SkipReason =>
        "no Slurm test cluster: run `tests/slurm/cluster.sh up` (root; it installs and starts munged, slurmctld and slurmd) " +
        "and `tests/slurm/cluster.sh down` after; .ci/run does both";

    static readonly Lazy<bool> Configured = new(() =>
    {
        foreach (var line in File.ReadAllLines(EnvFile!))
            if (line.StartsWith("SLURM_CONF=", StringComparison.Ordinal))
                Environment.SetEnvironmentVariable("SLURM_CONF", line["SLURM_CONF=".Length..]);
        return true;
    });

    /// <summary>Points this process (and its children) at the test cluster.</summary>
    public static void Use()
    {
        Assert.True(EnvFile is not null, SkipReason);
        _ = Configured.Value;
    }

    static string? Find()
    {
        if (Environment.GetEnvironmentVariable("RUNNER_SLURM_ENV") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "slurm", "cluster.env");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A test against the real Slurm cluster; skipped, saying how to start one, when none is up.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (SlurmCluster.EnvFile is null) Skip = SlurmCluster.SkipReason;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmCollection
{
    public const string Name = "Slurm cluster";
}
