using System.Runtime.InteropServices;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// The batch shell of an array task holds USR1 and SIGTERM while Runner starts (see BatchScript); Runner
/// tells it with USR2 once its own handlers are installed, and the shell passes on what it kept. Only the
/// process that started Runner and named itself in <see cref="Variable"/> is told.
/// </summary>
public static class BatchShell
{
    /// <summary>The batch shell's pid, set by the batch script for the Runner it starts.</summary>
    public const string Variable = "RUNNER_BATCH_SHELL";

    const int SigTerm = 15, SigUsr2 = 12;   // Linux

    /// <summary>
    /// Before Runner's handlers are installed: the shell started Runner with SIGTERM ignored, and .NET leaves an
    /// inherited ignore in place, so it is set back to the default here (a SIGTERM sent meanwhile was dropped,
    /// and the shell has kept its own copy).
    /// </summary>
    public static void TakeSignals()
    {
        if (Shell() is not null) signal(SigTerm, IntPtr.Zero);   // SIG_DFL
    }

    /// <summary>After Runner's handlers are installed: the shell passes on what it kept, and all that comes later.</summary>
    public static void NotifyReady()
    {
        if (Shell() is { } shell) kill(shell, SigUsr2);
    }

    static int? Shell() =>
        OperatingSystem.IsLinux() && int.TryParse(Environment.GetEnvironmentVariable(Variable), out int shell) && shell > 1 && shell == getppid()
            ? shell : null;

    [DllImport("libc")]
    static extern IntPtr signal(int signal, IntPtr handler);

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [DllImport("libc")]
    static extern int getppid();
}
