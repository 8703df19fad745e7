using System.Runtime.InteropServices;

namespace Runner.Cli;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM into a cancellation that training honours between batches, so the
/// sweep stops with every file whole and resumable. A second Ctrl-C exits at once; files written so far
/// are still whole, because every write is atomic or an appended, flushed row. SIGUSR1 (Slurm's warning
/// that a task's time limit is near, `--signal=B:USR1@grace`) stops the same way.
/// </summary>
public sealed class Interruption : IDisposable
{
    readonly CancellationTokenSource _source = new();
    readonly List<PosixSignalRegistration> _registrations = new();
    readonly bool _repeatedSignals;
    int _signals;

    /// <param name="repeatedSignals">A launcher's process may get a signal twice (a Slurm array task: preemption signals every
    /// process of the task, and the batch shell passes its own copy on), so a repeated SIGTERM or USR1 doesn't stop at once.</param>
    public Interruption(bool repeatedSignals = false)
    {
        _repeatedSignals = repeatedSignals;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, ExitCodes.Interrupted)));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, ExitCodes.Terminated)));
        _registrations.Add(PosixSignalRegistration.Create(SigUsr1, c => Handle(c, ExitCodes.TimeLimit)));
    }

    /// <summary>Linux's SIGUSR1; .NET has no name for it but registers raw signal numbers.</summary>
    const PosixSignal SigUsr1 = (PosixSignal)10;

    public CancellationToken Token => _source.Token;

    /// <summary>Where the "stopping" notice goes: the live display prints it above itself, so its last line stays clean.</summary>
    public Action<string> Say { get; set; } = text => Console.Error.WriteLine(text);

    /// <summary>130 after SIGINT, 143 after SIGTERM, 138 after SIGUSR1, 0 when no signal came.</summary>
    public int ExitCode { get; private set; }

    void Handle(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            if (_repeatedSignals && exitCode != ExitCodes.Interrupted) return;
            // Exiting under a live display: show the cursor it hid and end its line, so the prompt comes back clean.
            if (!Console.IsErrorRedirected) Console.Error.Write("\u001b[?25h\n");
            Console.Error.WriteLine("runner: stopping now.");
            Environment.Exit(exitCode);
        }
        ExitCode = exitCode;
        Say("runner: stopping after the current batch (press Ctrl-C again to stop at once)...");
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
