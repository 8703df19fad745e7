using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Planning.Constraints;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// `race: {first: 3, max_seeds: 10, alpha: 0.05}` in `sweep:`, in place of `repeats:`: the plan holds
/// seeds 1..max_seeds of every configuration, and <see cref="RacingSweeper"/> starts only
/// those the race still needs.
/// </summary>
public sealed record RaceSpec(int First, int MaxSeeds, double Alpha) : ISweepMethodSpec
{
    // A paired t-test needs 2 seeds; 1000 bounds the plan.
    public static readonly ScalarKey FirstKey = new(Param.Int("first", 3, "seeds every configuration starts with", new ValueRange(2, 1000)));
    public static readonly ScalarKey MaxSeedsKey = new(Param.Int("max_seeds", 10, "the most seeds a configuration gets; the plan holds seeds 1..max_seeds", new ValueRange(2, 1000)));
    public static readonly ScalarKey AlphaKey = new(Param.Float("alpha", 0.05, "significance level of the Holm-corrected one-sided paired t-tests", new ValueRange(0, 0.5, MinInclusive: false)));

    public static readonly Section Section = new("sweep.race",
        "race the configurations over seeds instead of `repeats:`: those significantly worse than the best are eliminated after each round",
        [FirstKey, MaxSeedsKey, AlphaKey]);

    /// <summary>Reads the section; the seed axis it makes is built by the sweep parser like `repeats:`'s.</summary>
    public static RaceSpec? Parse(ConfigNode node, DiagnosticBag bag)
    {
        var section = new SectionReader(node, node, Section, bag);
        if (!section.Present) return null;
        int errorsBefore = bag.Reports;
        int? first = section.IntUnlessRefused(FirstKey);
        int? maxSeeds = section.IntUnlessRefused(MaxSeedsKey);
        double alpha = section.Float(AlphaKey);
        section.ReportUnknownKeys();
        if (maxSeeds < first) // a refused value is reported once, not compared
            bag.Add(section.At(MaxSeedsKey.Name), $"sweep.race.max_seeds: {maxSeeds} is below first ({first}); every configuration starts with `first` seeds, so write max_seeds >= {first}");
        return bag.Reports == errorsBefore ? new RaceSpec(first!.Value, maxSeeds!.Value, alpha) : null;
    }

    /// <summary>A race compares final values on shared seeds; a pruned run has none.</summary>
    public void Check(IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag)
    {
        if (runs[0].Experiment.Pruning is not null)
            bag.Add(planning.Entry.Key, "sweep.race: a race compares every configuration's final value on shared seeds, which pruned runs don't have; remove `pruning:` or use `repeats:`");
    }

    /// <summary>A race eliminates on its metric alone: a constraint judged after training could make its winner infeasible while the report's best is another.</summary>
    public void CheckConstraints(SweepConstraints constraints, IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag)
    {
        if (constraints.After.FirstOrDefault() is not { } after) return;
        bag.Add(after.Node ?? (ConfigNode)planning.Entry.Key, $"sweep.{SweepConstraints.Key}: \"{after.Text}\" is judged after training, but a race eliminates " +
            "configurations on its metric alone, so its winner could break it; with `race:` use only constraints known before training " +
            "(parameters), or use `repeats:` instead of `race:`");
    }
}
