using System.Numerics;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// The runs of a sweep: the cartesian product of its factors, the first factor varying slowest (like
/// nested loops in the order written), then `include:` (keep runs matching any entry) and `exclude:`
/// (drop runs matching any entry). Pure: the same sweep always gives the same runs in the same order.
/// </summary>
public static class SweepExpander
{
    /// <summary>Products above this are refused without being enumerated, whatever the filters.</summary>
    public const int EnumerationLimit = 1_000_000;

    /// <summary>Each run's values, in <see cref="Sweep.Axes"/> order; null (reported) when there are too many or none.</summary>
    public static IReadOnlyList<IReadOnlyList<ConfigNode>>? Expand(Sweep sweep, int maxRuns, DiagnosticBag bag)
    {
        var at = sweep.Node?.Position ?? default;
        var product = sweep.Factors.Aggregate(BigInteger.One, (n, f) => n * f.Rows.Count);
        bool filtered = sweep.Include.Count + sweep.Exclude.Count > 0;
        if (product > maxRuns && (!filtered || product > EnumerationLimit))
        {
            bag.Add(at, TooMany(product, maxRuns, filtered ? " before include/exclude" : ""));
            return null;
        }

        var axes = sweep.Axes;
        var runs = Product(sweep.Factors)
            .Where(values => sweep.Include.Count == 0 || sweep.Include.Any(f => Matches(f, axes, values)))
            .Where(values => !sweep.Exclude.Any(f => Matches(f, axes, values)))
            .ToList();
        if (runs.Count > maxRuns)
        {
            bag.Add(at, TooMany(runs.Count, maxRuns, ""));
            return null;
        }
        if (runs.Count == 0)
        {
            bag.Add(at, "sweep: include/exclude leave no runs; loosen the filters");
            return null;
        }
        return runs;
    }

    static string TooMany(BigInteger count, int maxRuns, string when) =>
        $"sweep: {count:N0} runs{when}, more than the limit of {maxRuns:N0}; remove axes or values, or raise the limit with --max-runs {count}";

    /// <summary>Odometer order: the last factor turns fastest.</summary>
    static IEnumerable<IReadOnlyList<ConfigNode>> Product(IReadOnlyList<SweepFactor> factors)
    {
        var position = new int[factors.Count];
        while (true)
        {
            yield return factors.SelectMany((f, i) => f.Rows[position[i]]).ToList();
            int turn = factors.Count - 1;
            while (turn >= 0 && ++position[turn] == factors[turn].Rows.Count) position[turn--] = 0;
            if (turn < 0) yield break;
        }
    }

    static bool Matches(SweepFilter filter, IReadOnlyList<SweepAxis> axes, IReadOnlyList<ConfigNode> values) =>
        filter.Conditions.All(c => CompactText.SameValue(values[IndexOf(axes, c.Axis)], c.Value));

    static int IndexOf(IReadOnlyList<SweepAxis> axes, SweepAxis axis)
    {
        for (int i = 0; i < axes.Count; i++) if (axes[i].Name == axis.Name) return i;
        throw new InvalidOperationException($"filter axis {axis.Name} is not in the sweep");
    }
}
