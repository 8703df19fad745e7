using System.Globalization;
using Runner.Config;
using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Stops hopeless runs at fixed epochs ("rungs"), judged against every other run of the sweep that
/// reached the same rung:
/// - median: pruned when worse than the median of the others (median stopping rule);
/// - successive_halving: pruned when not in the best keep_fraction of all runs at that rung
///   (asynchronous successive halving: a run is promoted as soon as it ranks high enough).
/// Nothing is pruned until min_runs other runs have reached the rung.
/// The others' values are read from their metrics.csv at each decision, not once at the start, so runs
/// trained by other threads, earlier invocations, other processes or other nodes (Slurm array tasks)
/// all count as soon as they have written the rung's row.
/// </summary>
public sealed class Pruner(PruningSpec spec, ExperimentFolder folder, IReadOnlyList<PlannedRun> plan) : IPruner
{
    public string? Check(PlannedRun run, EpochMetrics metrics)
    {
        if (!spec.AtEpochs.Contains(metrics.Epoch) || metrics.Get(spec.Monitor) is not { } value) return null;
        var others = OthersAt(run, metrics.Epoch);
        if (others.Count < spec.MinRuns) return null;

        if (spec.Method == "median")
        {
            double median = MathNet.Numerics.Statistics.Statistics.Median(others);
            bool worse = spec.Maximize ? value < median : value > median;
            return worse ? $"{spec.Monitor} {F(value)} at epoch {metrics.Epoch} is worse than the median {F(median)} of {others.Count} other runs" : null;
        }

        var all = others.Append(value).OrderBy(v => spec.Maximize ? -v : v).ToList();
        int keep = Math.Max(1, (int)Math.Ceiling(all.Count * spec.KeepFraction));
        int rank = all.IndexOf(value) + 1;
        return rank > keep
            ? $"{spec.Monitor} {F(value)} at epoch {metrics.Epoch} ranks {rank} of {all.Count}; only the best {keep} go on"
            : null;
    }

    /// <summary>The monitored value at <paramref name="epoch"/> of every other run of the plan that has reached it.</summary>
    List<double> OthersAt(PlannedRun run, int epoch) =>
        plan.Where(other => other.DirectoryName != run.DirectoryName)
            .Select(other => new MetricsLog(folder.Run(other).MetricsCsv).Read().FirstOrDefault(m => m.Epoch == epoch)?.Get(spec.Monitor))
            .OfType<double>()
            .ToList();

    static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
