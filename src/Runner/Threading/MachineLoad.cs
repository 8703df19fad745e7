using System.Diagnostics;
using System.Globalization;

namespace Runner.Threading;

/// <summary>
/// How much CPU other processes use, in cores: the machine's busy time from /proc/stat minus this
/// process's own CPU time, over the time since the previous look (at least <see cref="MinWindow"/>).
/// Unlike /proc/loadavg it excludes our own threads and follows a change within a second, not minutes.
/// Where /proc/stat does not exist (not Linux) the machine counts as quiet.
/// </summary>
public sealed class MachineLoad
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromMilliseconds(300);
    const double UserHz = 100;   // /proc/stat's unit (USER_HZ) on every Linux architecture

    readonly Func<Sample?> _read;
    readonly object _gate = new();
    Sample? _last;
    double? _otherCores;

    public readonly record struct Sample(double BusySeconds, double OwnSeconds, double WallSeconds);

    public MachineLoad() : this(ReadProc) { }

    public MachineLoad(Func<Sample?> read)
    {
        _read = read;
        _last = read();
    }

    /// <summary>Other processes' CPU use since the previous call (or since this object was made), in cores.</summary>
    public double OtherCores()
    {
        lock (_gate)
        {
            if (_last is not { } last) return 0;
            var now = _read();
            if (now is null) return 0;
            double wait = MinWindow.TotalSeconds - (now.Value.WallSeconds - last.WallSeconds);
            if (wait > 0 && _otherCores is { } recent) return recent;   // another worker just looked
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(wait));
                now = _read() ?? now;
            }
            _last = now;
            return (_otherCores = Between(last, now.Value)).Value;
        }
    }

    /// <summary>Others' cores between two samples: machine busy time minus ours, per wall second.</summary>
    public static double Between(Sample before, Sample after)
    {
        double wall = after.WallSeconds - before.WallSeconds;
        if (wall <= 0) return 0;
        double others = (after.BusySeconds - before.BusySeconds) - (after.OwnSeconds - before.OwnSeconds);
        return Math.Max(0, others / wall);
    }

    static Sample? ReadProc()
    {
        try
        {
            using var stat = new StreamReader("/proc/stat");
            var fields = stat.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
            double busy = fields.Take(8).Sum() - fields[3] - fields[4];
            double own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            return new Sample(busy / UserHz, own, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            return null;
        }
    }
}
