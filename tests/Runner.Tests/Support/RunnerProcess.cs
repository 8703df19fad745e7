using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Runner.Tests;

/// <summary>The real `runner` executable (built next to the tests) started as a child process.</summary>
public sealed class RunnerProcess : IDisposable
{
    readonly System.Diagnostics.Process _process;
    readonly System.Text.StringBuilder _output = new();

    RunnerProcess(System.Diagnostics.Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static RunnerProcess Start(params string[] args) => StartIn(null, null, args);

    /// <summary>Started with extra environment variables (e.g. the runner's test hooks).</summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => StartIn(null, environment, args);

    /// <summary>
    /// Starts runner in <paramref name="workingDirectory"/> with extra environment variables. `dotnet` is
    /// given by its absolute path, so a test may set PATH to anything.
    /// </summary>
    public static RunnerProcess StartIn(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        // A test host started in the background (`cmd &`, CI scripts) inherits SIGINT as ignored, and
        // an ignored signal stays ignored across exec; `env --default-signal` gives the child the
        // default disposition a user's terminal would, so the runner's Ctrl-C handling is what is tested.
        var info = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(Runner.Files.ProgramPath.Find("dotnet") ?? "dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runner.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["CI"] = "true"; // plain progress lines, no live display
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return new RunnerProcess(System.Diagnostics.Process.Start(info)!);
    }

    /// <summary>Runs to the end and returns the exit code and everything printed.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) => RunIn(null, null, args);

    public static (int ExitCode, string Output) RunIn(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var p = StartIn(workingDirectory, environment, args);
        return (p.WaitForExit(TimeSpan.FromMinutes(5)), p.Output);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"runner did not exit within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The runner's pid (`env` execs dotnet in place, so it is the runner itself).</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts a runner that stops right after writing the checkpoint of <paramref name="epoch"/> of run
    /// <paramref name="runId"/> and waits there, holding the run's lock (the runner's test-only hook).
    /// Returns once it is there.
    /// </summary>
    public static RunnerProcess StartHeldAfterCheckpoint(string runId, int epoch, params string[] args)
    {
        var p = Start(new Dictionary<string, string> { ["RUNNER_TEST_HOLD_AFTER_CHECKPOINT"] = $"{runId}:{epoch}" }, args);
        p.WaitUntil(() => p.Output.Contains("test hook: holding"), TimeSpan.FromMinutes(3));
        Assert.False(p.HasExited, p.Output);
        return p;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false if the process ended first.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            if (_process.HasExited) return condition();
            Thread.Sleep(10);
        }
        throw new TimeoutException($"condition not met within {timeout}:\n{Output}");
    }

    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({signal}) failed");
    }

    public const int SigInt = 2, SigKill = 9, SigTerm = 15, SigCont = 18, SigStop = 19;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
