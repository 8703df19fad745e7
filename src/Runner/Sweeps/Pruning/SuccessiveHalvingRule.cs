using Runner.Config;

namespace Runner.Sweeps.Pruning;

/// <summary>
/// `successive_halving`: pruned when not in the best keep_fraction of all runs at the rung (rounded up),
/// once min_runs others reached it; a run goes on as soon as it ranks high enough.
/// </summary>
public sealed class SuccessiveHalvingRule(PruningSpec spec) : IPruningRule
{
    public bool IsRung(int runIndex, int epoch) => spec.AtEpochs.Contains(epoch);

    public string? Judge(double value, IReadOnlyList<double> others, int epoch)
    {
        if (others.Count < spec.MinRuns) return null;
        var all = others.Append(value).OrderBy(v => spec.Maximize ? -v : v).ToList();
        int keep = Math.Max(1, (int)Math.Ceiling(all.Count * spec.KeepFraction));
        int rank = all.IndexOf(value) + 1;
        return rank > keep
            ? $"{spec.Monitor} {Rungs.F(value)} at epoch {epoch} ranks {rank} of {all.Count}; only the best {keep} go on"
            : null;
    }
}
