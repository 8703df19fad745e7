using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Planning;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>`tpe:` under `sweep:`, alone: its settings and space (<see cref="TpeSpec"/>) and the factor of its random startup trials.</summary>
public sealed class TpeConfig : ISweepSection
{
    public string Key => "tpe";
    public Section Section => TpeSpec.Section;
    public bool Sampled => true;
    public string? Alone => "a TPE search proposes every run itself";
    public bool TakesRepeats => true;

    public SectionRead? Read(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag) =>
        TpeSpec.Parse(entry, axisOf, bag) is var (spec, startup) ? new SectionRead(spec, startup) : null;
}
