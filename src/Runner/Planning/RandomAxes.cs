using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// `random: {samples: 20, seed: 1, lr: {loguniform: [1e-4, 1e-1]}, units: {int: [32, 512]},
/// dropout: {uniform: [0, 0.5]}, activation: {choice: [relu, tanh]}}` (a plain list is a choice too).
/// Draws `samples` rows with a fixed generator (see <see cref="AxisDistribution"/>).
/// </summary>
static class RandomAxes
{
    public static readonly ScalarKey Samples = new(Param.Int("samples", null, "how many combinations to draw", new ValueRange(1, 1_000_000))) { Required = true };
    public static readonly ScalarKey Seed = new(Param.Int("seed", 0, "seeds the draws", ValueRange.NonNegative));

    /// <summary>`random:`'s own keys; every other key is an axis with its distribution.</summary>
    public static readonly Section Section = new("sweep.random",
        "sampled axes: `lr: {loguniform: [1e-4, 1e-1]}`, `units: {int: [32, 512]}`, `dropout: {uniform: [0, 0.5]}`, `activation: {choice: [relu, tanh]}`",
        [Samples, Seed]);

    public static SweepFactor? Parse(ConfigNode node, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        if (SearchSpace.Open(node, Section, "random: {samples: 20, seed: 1, learning_rate: {loguniform: [0.0001, 0.1]}}", bag) is not { } section) return null;
        int errorsBefore = bag.Reports;
        int samples = SearchSpace.Count(section, Samples, "20");
        ulong seed = (ulong)section.Int(Seed);
        var space = SearchSpace.Read(section, "draw", axisOf, bag);
        if (space is null || bag.Reports != errorsBefore) return null;

        var generator = new SplitMix64(seed);
        var rows = new List<IReadOnlyList<ConfigNode>>();
        for (int i = 0; i < samples; i++)
        {
            var drawn = space.Distributions.Select(d => d.Draw(generator)).ToList();
            // In a conditional space every parameter is drawn, and those whose branch is not taken record nothing.
            rows.Add(space.Conditional ? space.Values(space.Mask(drawn.Select((v, d) => space.Distributions[d].Point(CompactText.Of(v))).ToList())) : drawn);
        }
        return new SweepFactor(space.Axes, rows) { Enumerable = false };
    }
}
