using System.Diagnostics;

namespace Bench.HandLoop;

/// <summary>Accumulates wall time per named phase. CPU tensor ops are synchronous, so a stopwatch around
/// a call measures that call.</summary>
public sealed class PhaseTimer(bool enabled)
{
    readonly Dictionary<string, double> seconds = new();
    readonly List<string> order = new();

    public T Time<T>(string phase, Func<T> action)
    {
        if (!enabled) return action();
        var start = Stopwatch.GetTimestamp();
        var result = action();
        Add(phase, Stopwatch.GetElapsedTime(start).TotalSeconds);
        return result;
    }

    public void Time(string phase, Action action) => Time(phase, () => { action(); return 0; });

    void Add(string phase, double s)
    {
        if (!seconds.ContainsKey(phase)) { seconds[phase] = 0; order.Add(phase); }
        seconds[phase] += s;
    }

    public IReadOnlyDictionary<string, double> Seconds => order.ToDictionary(p => p, p => Math.Round(seconds[p], 4));
}
