namespace Runner.Cli;

/// <summary>What `runner` exits with; docs/troubleshooting.md lists the same.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A run failed or diverged, or a runtime problem (data, disk, checkpoint) stopped the sweep.</summary>
    public const int RuntimeError = 1;
    /// <summary>The experiment file or an override is wrong; nothing was trained or written.</summary>
    public const int ConfigError = 2;
    public const int Interrupted = 130;   // SIGINT (Ctrl-C)
    public const int Terminated = 143;    // SIGTERM (e.g. a scheduler's preemption)
    public const int TimeLimit = 138;     // SIGUSR1 (Slurm's warning that the time limit is near)
}
