using System.ComponentModel;
using System.Diagnostics;
using Runner.Files;

namespace Runner.Data;

internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The last non-empty lines of stderr (or stdout), for an error message.</summary>
    public string Tail(int lines = 3)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines);
        return string.Join(" | ", last);
    }
}

/// <summary>
/// Runs a package client (npm, apt-get, dpkg-deb) directly, without a shell, so nothing in a name or
/// a path is ever interpreted, and by the absolute path found on PATH (<see cref="ProgramPath"/>), so a
/// planted program in the current folder never runs. A missing program or a timeout becomes a
/// <see cref="SourceFailedException"/>; Ctrl-C or SIGTERM (<paramref name="cancel"/>) kills the program at once.
/// </summary>
internal static class ExternalCommand
{
    public static CommandResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        CancellationToken cancel)
    {
        // An absolute path was resolved by the caller (ProgramPath); a bare name is resolved here.
        var executable = (Path.IsPathRooted(program) ? program : ProgramPath.Find(program))
            ?? throw new SourceFailedException($"{program} is not installed (not found on PATH)");
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Keep npm quiet and offline-friendly: no update check, audit or funding calls.
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_audit"] = "false";
        start.Environment["npm_config_fund"] = "false";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SourceFailedException($"{program} could not be started");
        }
        catch (Win32Exception)
        {
            throw new SourceFailedException($"{program} is not installed (not found on PATH)");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(timeout);
            try
            {
                process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                cancel.ThrowIfCancellationRequested();
                throw new SourceFailedException($"{program} did not finish within {timeout.TotalSeconds:0} s");
            }
            return new CommandResult(process.ExitCode, output.Result, error.Result);
        }
    }
}

/// <summary>Why one source could not provide the files; collected into the final error, never shown alone.</summary>
internal sealed class SourceFailedException(string message) : Exception(message);
