using Runner.Text;
using System.Globalization;
using MathNet.Numerics.Distributions;
using Runner.Planning;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Race;

/// <summary>One configuration in a race: its label (axis values but the seed) and its final values on seeds 1..n (NaN: no value).</summary>
public sealed record Entrant(string Label, IReadOnlyList<double> Values)
{
    public double Mean => Values.Average();
}

/// <summary>
/// The decision after each round of a race (F-Race, Birattari et al. 2002, with a parametric test):
/// - a configuration whose run on some seed failed or diverged has no value there and is eliminated;
/// - the current best is the best mean on the shared seeds (every survivor has run the same seeds);
/// - every other survivor is compared with it by a one-sided paired t-test on the per-seed differences
///   (H1: the best is better), and the p-values are corrected for the multiple comparisons by Holm's
///   step-down method; a configuration is eliminated when its adjusted p-value is at most alpha.
/// The race stops when one configuration is left (the winner) or the survivors have max_seeds seeds
/// ("not distinguishable at alpha"). Why a t-test and not Wilcoxon's signed-rank test: with 3 seeds the
/// smallest one-sided Wilcoxon p-value is 1/8, so it could never eliminate anything before about 6 seeds.
/// </summary>
public static class RaceRound
{
    public static IReadOnlyList<Decision> Decide(IReadOnlyList<Entrant> survivors, bool maximize, RaceSpec spec, int seeds, string metric)
    {
        var decisions = new List<Decision>();
        var alive = new List<Entrant>();
        foreach (var entrant in survivors)
        {
            int missing = entrant.Values.ToList().FindIndex(double.IsNaN);
            if (missing < 0) alive.Add(entrant);
            else decisions.Add(new Decision(Decision.Eliminate, entrant.Label, $"its run with seed {missing + 1} did not finish (failed or diverged), so it has no {metric} to compare"));
        }
        if (alive.Count == 0)
        {
            decisions.Add(new Decision(Decision.Stop, "", "no configuration has a value on every seed"));
            return decisions;
        }

        double sign = maximize ? 1 : -1;
        var best = alive.MaxBy(e => sign * e.Mean)!;
        var others = alive.Where(e => e != best).ToList();
        var raw = others.Select(e => PairedOneSidedP(best.Values.Zip(e.Values, (b, o) => sign * (b - o)).ToList())).ToList();
        var adjusted = Holm(raw);

        decisions.Add(new Decision(Decision.Survive, best.Label, $"current best: mean {metric} {F(best.Mean)} on {seeds} seeds", best.Mean));
        var left = new List<Entrant> { best };
        for (int i = 0; i < others.Count; i++)
        {
            var e = others[i];
            string comparison = $"mean {metric} {F(e.Mean)} vs {F(best.Mean)} of {best.Label} on {seeds} shared seeds; one-sided paired t-test p = {P(raw[i])}, Holm-adjusted {P(adjusted[i])}";
            bool worse = adjusted[i] <= spec.Alpha;
            decisions.Add(new Decision(worse ? Decision.Eliminate : Decision.Survive, e.Label,
                worse ? $"significantly worse at alpha {F(spec.Alpha)}: {comparison}" : comparison, e.Mean, adjusted[i]));
            if (!worse) left.Add(e);
        }
        if (left.Count == 1)
            decisions.Add(new Decision(Decision.Stop, best.Label, $"{best.Label} wins: every other configuration is significantly worse"));
        else if (seeds >= spec.MaxSeeds)
            decisions.Add(new Decision(Decision.Stop, "", $"not distinguishable at alpha {F(spec.Alpha)} after {seeds} seeds: {string.Join("; ", left.Select(e => e.Label))}"));
        return decisions;
    }

    /// <summary>P(T &gt;= t) for the mean of the differences (H1: mean &gt; 0). Without spread, 0 when every difference is positive, else 1.</summary>
    public static double PairedOneSidedP(IReadOnlyList<double> differences)
    {
        int n = differences.Count;
        double mean = differences.Average();
        double sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1));
        if (sd == 0 || double.IsNaN(sd)) return mean > 0 ? 0 : 1;
        double t = mean / (sd / Math.Sqrt(n));
        return 1 - StudentT.CDF(0, 1, n - 1, t);
    }

    /// <summary>Holm's step-down adjusted p-values, in the input order (the leaderboard's correction too).</summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> p) => Reporting.Statistics.Holm.Adjust(p);

    static string F(double v) => Numbers.Brief(v);
    static string P(double p) => Numbers.PValue(p);
}
