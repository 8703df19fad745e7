using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// `race: {first: 3, max_seeds: 10, alpha: 0.05}` in `sweep:`, in place of `repeats:`: the plan holds
/// seeds 1..max_seeds of every configuration, and <see cref="Sweeps.Racing.RacingSweeper"/> starts only
/// those the race still needs.
/// </summary>
public sealed record RaceSpec(int First, int MaxSeeds, double Alpha)
{
    /// <summary>Reads the section; the seed axis it makes is built by the sweep parser like `repeats:`'s.</summary>
    public static RaceSpec? Parse(ConfigNode node, DiagnosticBag bag)
    {
        var section = new SectionReader(node, node, "sweep.race", bag);
        if (!section.Present) return null;
        int errorsBefore = bag.Reports;
        // A paired t-test needs 2 seeds; 1000 bounds the plan like repeats does.
        int first = section.Int("first", 3, new ValueRange(2, 1000));
        int maxSeeds = section.Int("max_seeds", 10, new ValueRange(2, 1000));
        double alpha = section.Float("alpha", 0.05, new ValueRange(0, 0.5, MinInclusive: false));
        section.ReportUnknownKeys();
        if (maxSeeds < first)
            bag.Add(section.At("max_seeds"), $"sweep.race.max_seeds: {maxSeeds} is below first ({first}); every configuration starts with `first` seeds, so write max_seeds >= {first}");
        return bag.Reports == errorsBefore ? new RaceSpec(first, maxSeeds, alpha) : null;
    }
}
