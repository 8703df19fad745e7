using System.Diagnostics;

namespace Runner.Tests;

/// <summary>A program started by absolute path with an environment of our choosing, run to its end.</summary>
public static class ChildProcess
{
    /// <summary>The `dotnet` running these tests (the SDK says where in DOTNET_HOST_PATH): absolute, never looked up on PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Environment.ProcessPath!;

    /// <summary>
    /// Runs <paramref name="program"/> and returns its exit code and everything it printed. The
    /// environment is the test's minus MSBuild's and the test host's variables (a child build must not
    /// inherit the parent's), with <paramref name="environment"/> applied on top (null removes a variable).
    /// </summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(Inherited).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment)
            if (value is null) info.Environment.Remove(key); else info.Environment[key] = value;

        var output = new System.Text.StringBuilder();
        using var process = new System.Diagnostics.Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within {timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    static bool Inherited(string key) =>
        key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH";
}
