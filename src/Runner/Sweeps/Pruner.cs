using System.Collections.Concurrent;
using System.Globalization;
using Runner.Config;
using Runner.Planning;
using Runner.Recording;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Stops hopeless runs at fixed epochs ("rungs"), judged against every other run of the sweep that
/// reached the same rung, including runs of earlier invocations (read from their metrics.csv):
/// - median: pruned when worse than the median of the others (median stopping rule);
/// - successive_halving: pruned when not in the best keep_fraction of all runs at that rung
///   (asynchronous successive halving: a run is promoted as soon as it ranks high enough).
/// Nothing is pruned until min_runs other runs have reached the rung.
/// </summary>
public sealed class Pruner : IPruner
{
    readonly PruningSpec _spec;
    readonly ConcurrentDictionary<(string Run, int Epoch), double> _values = new();

    public Pruner(PruningSpec spec, ExperimentFolder folder, IReadOnlyList<PlannedRun> plan)
    {
        _spec = spec;
        foreach (var run in plan)
            foreach (var m in new MetricsLog(folder.Run(run).MetricsCsv).Read())
                Remember(run, m);
    }

    public string? Check(PlannedRun run, EpochMetrics metrics)
    {
        if (!Remember(run, metrics)) return null;
        double value = metrics.Get(_spec.Monitor)!.Value;
        var others = _values.Where(v => v.Key.Epoch == metrics.Epoch && v.Key.Run != run.DirectoryName)
            .Select(v => v.Value).ToList();
        if (others.Count < _spec.MinRuns) return null;

        if (_spec.Method == "median")
        {
            double median = MathNet.Numerics.Statistics.Statistics.Median(others);
            bool worse = _spec.Maximize ? value < median : value > median;
            return worse ? $"{_spec.Monitor} {F(value)} at epoch {metrics.Epoch} is worse than the median {F(median)} of {others.Count} other runs" : null;
        }

        var all = others.Append(value).OrderBy(v => _spec.Maximize ? -v : v).ToList();
        int keep = Math.Max(1, (int)Math.Ceiling(all.Count * _spec.KeepFraction));
        int rank = all.IndexOf(value) + 1;
        return rank > keep
            ? $"{_spec.Monitor} {F(value)} at epoch {metrics.Epoch} ranks {rank} of {all.Count}; only the best {keep} go on"
            : null;
    }

    bool Remember(PlannedRun run, EpochMetrics metrics)
    {
        if (!_spec.AtEpochs.Contains(metrics.Epoch) || metrics.Get(_spec.Monitor) is not { } value) return false;
        _values[(run.DirectoryName, metrics.Epoch)] = value;
        return true;
    }

    static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
