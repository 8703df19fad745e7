using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Planning;

namespace Runner.Sweeps.Methods.Sobol;

/// <summary>
/// `sobol: {samples: 16, seed: 1, lr: {loguniform: [1e-4, 1e-1]}, units: {int: [32, 512]}, activation: {choice: [relu, tanh]}}`:
/// quasi-random search, the first `samples` points of a scrambled Sobol' sequence (<see cref="SobolSequence"/>,
/// as Optuna's QMCSampler draws them) over axes written as `random:` writes them (<see cref="UnitCubeMapping"/>).
/// It covers the space more evenly than random draws at the same budget. Every point is known in advance, so
/// the plan is fixed as random's is: the same for a seed, resumed exactly, and crossed with `repeats:` or other axes.
/// </summary>
public sealed record SobolSpec(int Samples, ulong Seed, SearchSpace Space)
    : ISweepMethodSpec
{
    public static readonly ScalarKey SamplesKey = new(Param.Int("samples", null, "how many points of the sequence to run (a power of two keeps them balanced)", new ValueRange(1, 1_000_000))) { Required = true };
    public static readonly ScalarKey SeedKey = new(Param.Int("seed", 0, "seeds the sequence's scramble", ValueRange.NonNegative));

    /// <summary>`sobol:`'s own keys; every other key is an axis with its distribution (as in `random:`).</summary>
    public static readonly Section Section = new("sweep.sobol",
        "quasi-random search: the first `samples` points of a scrambled Sobol' sequence; axes as in `random:`: " +
        "`lr: {loguniform: [1e-4, 1e-1]}`, `units: {int: [32, 512]}`, `dropout: {uniform: [0, 0.5]}`, `activation: {choice: [relu, tanh]}`",
        [SamplesKey, SeedKey]);

    /// <summary>Whether the sample count keeps the sequence balanced (each point alone in its cell of every dimension).</summary>
    public bool Balanced => (Samples & (Samples - 1)) == 0;

    public AxisDistribution? Distribution(string axis) => Space.Distribution(axis);

    /// <summary>Point <paramref name="index"/> of the scrambled sequence of <paramref name="seed"/> over <paramref name="space"/>, in the form
    /// <see cref="RandomTrial.Point"/> gives (every dimension, active or not: a conditional space masks it).</summary>
    public static IReadOnlyList<double> Point(IReadOnlyList<SearchDimension> space, ulong seed, long index) =>
        UnitCubeMapping.Point(space, new SobolSequence(space.Count, seed).Point(index));

    /// <summary>Reads the section and its axes; the factor holds every point, in sequence order.</summary>
    public static (SobolSpec Spec, SweepFactor Points)? Parse(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        var node = entry.Value;
        if (SearchSpace.Open(node, Section, "sobol: {samples: 16, seed: 1, lr: {loguniform: [0.0001, 0.1]}}", bag) is not { } section) return null;
        int errorsBefore = bag.Reports;
        int samples = SearchSpace.Count(section, SamplesKey, "16");
        ulong seed = (ulong)section.Int(SeedKey);
        var space = SearchSpace.Read(section, "search", axisOf, bag);
        if (space?.Axes.Count > SobolSequence.MaxDimensions)
            bag.Add(node, $"sweep.sobol: {SobolSequence.DimensionsMessage(space.Axes.Count)}");
        if (space is null || bag.Reports != errorsBefore) return null;

        var spec = new SobolSpec(samples, seed, space);
        var sequence = new SobolSequence(space.Dimensions.Count, seed);
        var rows = Enumerable.Range(0, samples)
            .Select(k => space.Values(space.Mask(UnitCubeMapping.Point(space.Dimensions, sequence.Point(k)))))
            .ToList();
        return (spec, new SweepFactor(space.Axes, rows) { Enumerable = false });
    }
}
