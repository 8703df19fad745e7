using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Reporting.Results;

/// <summary>
/// What the experiment's `sweep:` says about the shape of the search, read from experiment.yaml: the kind
/// of sweep (grid, random, tpe, race) and which axes are drawn on a log scale (`{loguniform: [...]}` under
/// `random:` or `tpe:`), so charts put those axes on log scales.
/// </summary>
public sealed record SweepSpace(string Kind, IReadOnlySet<string> LogAxes)
{
    public const string Grid = "grid", Random = "random", Tpe = "tpe", Race = "race";

    public static readonly SweepSpace Unknown = new(Grid, new HashSet<string>());

    /// <summary>A search proposes trials one after another: best-so-far by trial means something.</summary>
    public bool IsSearch => Kind is Random or Tpe;

    public static SweepSpace Of(string? experimentYaml)
    {
        if (experimentYaml is null) return Unknown;
        var root = ConfigFileReader.Parse(experimentYaml, "experiment.yaml", new DiagnosticBag()) as MappingNode;
        if (root?["sweep"] is not MappingNode sweep) return Unknown;
        foreach (var kind in new[] { Tpe, Random })
            if (sweep[kind] is MappingNode space)
                return new SweepSpace(kind, space.Entries
                    .Where(e => e.Value is MappingNode distribution && distribution.Find("loguniform") is not null)
                    .Select(e => e.Name).ToHashSet(StringComparer.Ordinal));
        return new SweepSpace(sweep.Find(Race) is not null ? Race : Grid, new HashSet<string>());
    }
}
