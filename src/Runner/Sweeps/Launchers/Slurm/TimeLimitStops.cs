using System.Globalization;
using Runner.Files;
using Runner.Recording;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// How many times in a row a run's Slurm task was stopped by its time limit (the USR1 warning) without
/// finishing an epoch, kept in the run's folder (`time_limit_stops`) because a requeued task is a new
/// process. Preemptions don't count: they are not the run's fault and end by themselves.
/// </summary>
public static class TimeLimitStops
{
    /// <summary>After this many stops without progress the run is failed instead of requeued again.</summary>
    public const int Limit = 3;

    static string FilePath(RunFolder run) => Path.Combine(run.Path, "time_limit_stops");

    /// <summary>Counts one more stop (or starts again at zero after progress) and returns the count.</summary>
    public static int Record(RunFolder run, bool finishedAnEpoch)
    {
        int count = finishedAnEpoch ? 0 : Read(run) + 1;
        AtomicFile.WriteAllText(FilePath(run), count.ToString(CultureInfo.InvariantCulture));
        return count;
    }

    static int Read(RunFolder run) =>
        File.Exists(FilePath(run)) && int.TryParse(File.ReadAllText(FilePath(run)).Trim(), CultureInfo.InvariantCulture, out var n) ? n : 0;
}
