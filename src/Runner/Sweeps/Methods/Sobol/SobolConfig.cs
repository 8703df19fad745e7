using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Planning;

namespace Runner.Sweeps.Methods.Sobol;

/// <summary>`sobol:` under `sweep:`: its settings and space (<see cref="SobolSpec"/>) and the factor of its points; other axes, `repeats:` or `race:` may go beside it, as beside `random:`.</summary>
public sealed class SobolConfig : ISweepSection
{
    public string Key => "sobol";
    public Section Section => SobolSpec.Section;
    public bool Sampled => true;
    public string? Alone => null;
    public bool FixedPoints => true;

    public SectionRead? Read(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag) =>
        SobolSpec.Parse(entry, axisOf, bag) is var (spec, points) ? new SectionRead(spec, points) : null;
}
