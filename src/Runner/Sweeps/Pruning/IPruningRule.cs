using Runner.Planning;

namespace Runner.Sweeps.Pruning;

/// <summary>
/// One pruning method (`pruning.method`): where its rungs are for a run, whose values a run is compared
/// with, and the verdict. The <see cref="Pruner"/> reads the values and journals the verdicts.
/// </summary>
public interface IPruningRule
{
    /// <summary>True when <paramref name="epoch"/> is a rung of this run (a decision point).</summary>
    bool IsRung(int runIndex, int epoch);

    /// <summary>True when the run at <paramref name="otherIndex"/> competes with the one at <paramref name="runIndex"/>.</summary>
    bool Competes(int runIndex, int otherIndex) => true;

    /// <summary>Null to go on, or the reason the run stops, given its value and the competitors' values at the rung.</summary>
    string? Judge(double value, IReadOnlyList<double> others, int epoch);
}
