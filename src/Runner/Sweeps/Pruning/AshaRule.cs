using Runner.Config;

namespace Runner.Sweeps.Pruning;

/// <summary>
/// `asha`: asynchronous successive halving (Li et al., 2020). Rungs at min_epochs * reduction^k,
/// before the last epoch. It never waits for a rung to fill: a run reaching a rung is promoted when
/// it is in the top floor(n / reduction) of the n runs that have reached that rung so far (itself
/// included); while n &lt; reduction, only the best so far is promoted (as Optuna's
/// SuccessiveHalvingPruner does, since a stopped run can't be resumed later). Ties promote.
/// </summary>
public sealed class AshaRule(PruningSpec spec, int firstRungExponent = 0) : IPruningRule
{
    public bool IsRung(int runIndex, int epoch) =>
        spec.AtEpochs.Contains(epoch) && Rungs.IsRung(epoch, spec.MinEpochs, spec.Reduction, firstRungExponent); // AtEpochs: before the last

    public string? Judge(double value, IReadOnlyList<double> others, int epoch)
    {
        var best = others.Append(value).OrderBy(v => spec.Maximize ? -v : v).ToList();
        int promoted = Math.Max(1, best.Count / spec.Reduction);
        double threshold = best[promoted - 1];
        bool promote = spec.Maximize ? value >= threshold : value <= threshold;
        return promote ? null
            : $"{spec.Monitor} {Rungs.F(value)} at epoch {epoch} is not in the top {promoted} of {best.Count} runs at this rung (threshold {Rungs.F(threshold)}, reduction {spec.Reduction})";
    }
}
