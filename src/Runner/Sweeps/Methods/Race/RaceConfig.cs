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
    public bool RacesSeeds => true; // beside `tpe:`, each proposed configuration races the incumbent (SearchRace)

    public SectionRead? Read(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        // The seed axis is declared even when the settings are refused, so `${seed}` is not reported as undefined too.
        var spec = RaceSpec.Parse(entry.Value, bag);
        var seeds = SweepParser.Seeds(entry, spec?.MaxSeeds ?? 1, axisOf);
        return spec is not null && seeds is not null ? new SectionRead(spec, seeds) : null;
    }
}
