namespace Bench.HandLoop;

/// <summary>Peak resident set size of this process so far (VmHWM), in MiB.</summary>
public static class PeakMemory
{
    public static double Mib()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return double.NaN;
    }
}
