using Runner.Config;

namespace Runner.Sweeps.Pruning;

/// <summary>`median`: pruned when worse than the median of the others at the rung (median stopping rule), once min_runs others reached it.</summary>
public sealed class MedianRule(PruningSpec spec) : IPruningRule
{
    public bool IsRung(int runIndex, int epoch) => spec.AtEpochs.Contains(epoch);

    public string? Judge(double value, IReadOnlyList<double> others, int epoch)
    {
        if (others.Count < spec.MinRuns) return null;
        double median = MathNet.Numerics.Statistics.Statistics.Median(others);
        bool worse = spec.Maximize ? value < median : value > median;
        return worse ? $"{spec.Monitor} {Rungs.F(value)} at epoch {epoch} is worse than the median {Rungs.F(median)} of {others.Count} other runs" : null;
    }
}
