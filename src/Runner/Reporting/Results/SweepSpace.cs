using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Planning;

namespace Runner.Reporting.Results;

/// <summary>
/// The shape of a sweep's search for charts: its kind (grid, random, or a method's key), whether it is a search,
/// and which axes are drawn on a log scale. Recorded in sweep.json when the sweep is planned
/// (<see cref="SweepShape"/>), so no sweep method needs a line here; folders written before that are read
/// from their experiment.yaml as they always were.
/// </summary>
public sealed record SweepSpace(string Kind, bool IsSearch, IReadOnlySet<string> LogAxes)
{
    public static readonly SweepSpace Unknown = From(SweepShape.Grid);

    public static SweepSpace From(SweepShape shape) => new(shape.Kind, shape.Search, shape.LogAxes.ToHashSet(StringComparer.Ordinal));

    /// <summary>The recorded shape, else the one read from <paramref name="experimentYaml"/>.</summary>
    public static SweepSpace Of(SweepShape? recorded, string? experimentYaml) =>
        recorded is not null ? From(recorded) : Of(experimentYaml);

    public static SweepSpace Of(ResultsTable table) => Of(table.Sweep.Shape, table.ExperimentYaml);

    /// <summary>A folder without the record: only `random:`, `tpe:` and `race:` existed then.</summary>
    static SweepSpace Of(string? experimentYaml)
    {
        if (experimentYaml is null) return Unknown;
        var root = ConfigFileReader.Parse(experimentYaml, "experiment.yaml", new DiagnosticBag()) as MappingNode;
        return From(SweepShape.Of(root?["sweep"], key => key switch { "tpe" or "random" => true, "race" => false, _ => null }));
    }
}
