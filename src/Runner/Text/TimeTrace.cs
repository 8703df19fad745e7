using System.Diagnostics;
using System.Globalization;

namespace Runner.Text;

/// <summary>
/// With RUNNER_TRACE_TIMES=1, prints to stderr when each stage of a command starts and ends, in seconds since
/// the process started (docs/performance.md, "The overhead around training"): how much of a sweep's wall time is
/// not training. Off by default; costs nothing then.
/// </summary>
public static class TimeTrace
{
    public const string Variable = "RUNNER_TRACE_TIMES";

    public static bool On { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v && v != "0";

    static readonly DateTime ProcessStart = On ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    /// <summary>One line: the time since the process started, the thread, and what happened.</summary>
    public static void Mark(string what)
    {
        if (!On) return;
        var seconds = (DateTime.UtcNow - ProcessStart).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[time] {seconds,7:0.000} s  thread {Environment.CurrentManagedThreadId,-3} {what}"));
    }
}
