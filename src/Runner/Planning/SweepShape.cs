using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// The shape of a sweep's search as its `sweep:` writes it, worked out when it is planned and recorded in
/// sweep.json, so that the report and `serve` read it without knowing any sweep method: its kind (the key of
/// the section that samples the axes or of the method, else grid), whether it is a search (it samples its axes,
/// so best-so-far by trial means something), and which axes it samples on a log scale (`{loguniform: [...]}`).
/// </summary>
public sealed record SweepShape(string Kind, bool Search, IReadOnlyList<string> LogAxes)
{
    public const string GridKind = "grid";
    public static readonly SweepShape Grid = new(GridKind, false, []);

    /// <param name="sampled">Of a key under `sweep:`: true for a section whose other keys are sampled axes (`random:`),
    /// false for a method's section that samples nothing (`race:`), null for an axis or keyword.</param>
    public static SweepShape Of(ConfigNode? sweep, Func<string, bool?> sampled)
    {
        if (sweep is not MappingNode mapping) return Grid;
        foreach (var entry in mapping.Entries)
            if (sampled(entry.Name) == true && entry.Value is MappingNode space)
                return new SweepShape(entry.Name, true, space.Entries
                    .Where(e => e.Value is MappingNode distribution && distribution.Find("loguniform") is not null)
                    .Select(e => e.Name).ToList());
        return mapping.Entries.FirstOrDefault(e => sampled(e.Name) == false) is { } method ? new SweepShape(method.Name, false, []) : Grid;
    }
}
