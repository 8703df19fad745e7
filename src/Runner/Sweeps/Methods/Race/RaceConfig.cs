using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Planning;

namespace Runner.Sweeps.Methods.Race;

/// <summary>`race:` under `sweep:`, in place of `repeats:`: its settings (<see cref="RaceSpec"/>) and the axis `seed` 1..max_seeds.</summary>
public sealed class RaceConfig : ISweepSection
{
    public string Key => "race";
    public Section Section => RaceSpec.Section;
    public bool Sampled => false;
    public string? Alone => null;

    public SectionRead? Read(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag) =>
        RaceSpec.Parse(entry.Value, bag) is { } spec && SweepParser.Seeds(entry, spec.MaxSeeds, axisOf) is { } seeds
            ? new SectionRead(spec, seeds)
            : null;
}
