using Runner.Config;

namespace Runner.Sweeps.Pruning;

/// <summary>
/// `hyperband` (Li et al., 2018) as a pruner: brackets s = 0..S, S = floor(log_reduction(epochs / min_epochs)).
/// Bracket s is ASHA whose first rung is at min_epochs * reduction^s, so bracket 0 prunes hardest and
/// bracket S trains everything to the end. Runs compete only within their bracket.
/// Which run is in which bracket: Hyperband gives bracket s n_s = ceil((S+1) / (S-s+1) * reduction^(S-s))
/// configurations; run i of the plan (0-based, plan order) goes to bracket cycle[i mod sum(n_s)], where
/// cycle is the smooth weighted round robin of the n_s (so the brackets interleave over the plan
/// instead of splitting a grid by its first axis). See <see cref="BracketCycle"/>.
/// </summary>
public sealed class HyperbandRule : IPruningRule
{
    readonly AshaRule[] _brackets;
    readonly int[] _cycle;

    public HyperbandRule(PruningSpec spec, int epochs)
    {
        int s = Rungs.MaxBracket(epochs, spec.MinEpochs, spec.Reduction);
        _brackets = Enumerable.Range(0, s + 1).Select(b => new AshaRule(spec, b)).ToArray();
        _cycle = BracketCycle(s, spec.Reduction);
    }

    public int BracketOf(int runIndex) => _cycle[runIndex % _cycle.Length];

    public bool IsRung(int runIndex, int epoch) => _brackets[BracketOf(runIndex)].IsRung(runIndex, epoch);

    public bool Competes(int runIndex, int otherIndex) => BracketOf(runIndex) == BracketOf(otherIndex);

    public string? Judge(double value, IReadOnlyList<double> others, int epoch) =>
        _brackets[0].Judge(value, others, epoch); // the verdict is ASHA's; the bracket only moves the rungs

    /// <summary>The bracket of each position of one cycle: n_s of bracket s, interleaved by smooth weighted round robin.</summary>
    public static int[] BracketCycle(int maxBracket, int reduction)
    {
        var weights = Enumerable.Range(0, maxBracket + 1)
            .Select(s => (int)Math.Ceiling((maxBracket + 1.0) / (maxBracket - s + 1) * Math.Pow(reduction, maxBracket - s)))
            .ToArray();
        int total = weights.Sum();
        var current = new int[weights.Length];
        var cycle = new int[total];
        for (int i = 0; i < total; i++)
        {
            int pick = 0;
            for (int b = 0; b < weights.Length; b++)
            {
                current[b] += weights[b];
                if (current[b] > current[pick]) pick = b;
            }
            current[pick] -= total;
            cycle[i] = pick;
        }
        return cycle;
    }
}
