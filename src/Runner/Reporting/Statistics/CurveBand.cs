using Runner.Reporting.Results;

namespace Runner.Reporting.Statistics;

/// <summary>
/// One metrics.csv column of one configuration across its seeds: the mean per epoch and the min-max
/// band around it. Epochs where some seeds stopped early average over the seeds that reached them.
/// </summary>
public sealed record CurveBand(Configuration Configuration, string Column, IReadOnlyList<double> Epochs,
    IReadOnlyList<double> Mean, IReadOnlyList<double> Low, IReadOnlyList<double> High, int Runs)
{
    /// <summary>The band of one column over the given runs, or null when none of them has that column.</summary>
    public static CurveBand? Of(Configuration configuration, string column, IReadOnlyList<RunResult> runs)
    {
        var byEpoch = runs.SelectMany(r => r.History)
            .Where(e => e[column] is { } v && double.IsFinite(v))
            .GroupBy(e => e.Epoch).OrderBy(g => g.Key)
            .Select(g => (Epoch: (double)g.Key, Values: g.Select(e => e[column]!.Value).ToArray()))
            .ToArray();
        if (byEpoch.Length == 0) return null;
        return new CurveBand(configuration, column,
            byEpoch.Select(e => e.Epoch).ToArray(),
            byEpoch.Select(e => e.Values.Average()).ToArray(),
            byEpoch.Select(e => e.Values.Min()).ToArray(),
            byEpoch.Select(e => e.Values.Max()).ToArray(),
            runs.Count(r => r.History.Count > 0));
    }
}
