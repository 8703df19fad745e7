using Runner.Data;
using Runner.Files;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// Slurm's client programs (sbatch, squeue, scontrol), found on PATH and started by absolute path,
/// without a shell. A missing program or a failing call is a <see cref="SlurmException"/> that says which.
/// </summary>
public static class SlurmCommands
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The absolute path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Locate(string program) => ProgramPath.Find(program);

    public static bool Available => Locate("squeue") is not null;

    /// <summary>Runs a Slurm client and returns its standard output; a non-zero exit is an error.</summary>
    public static string Run(string program, IReadOnlyList<string> arguments)
    {
        var path = Locate(program) ?? throw new SlurmException(
            $"{program} is not on PATH on this machine ({Environment.MachineName}); Slurm's client commands are needed here");
        CommandResult result;
        try { result = ExternalCommand.Run(path, arguments, Directory.GetCurrentDirectory(), Timeout, CancellationToken.None); }
        catch (SourceFailedException e) { throw new SlurmException(e.Message); }
        if (result.ExitCode != 0)
            throw new SlurmException($"{program} {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.Tail()}");
        return result.StandardOutput;
    }
}

/// <summary>A Slurm command failed or is missing; the message says which and why.</summary>
public sealed class SlurmException(string message) : LauncherException(message);
