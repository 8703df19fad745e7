using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// One swept quantity. A name without dots is a variable, used as `${name}` in the config; a name
/// with dots is a <see cref="ConfigPath"/> whose value it replaces.
/// </summary>
public sealed record SweepAxis(string Name, ScalarNode Key, ConfigPath? Path)
{
    public bool IsVariable => Path is null;

    /// <summary>A parameter inside a branch of a conditional axis (<see cref="ConditionalAxis"/>): recorded (runs.csv, the run id)
    /// and composed into that axis's value, never substituted itself; its value is empty where its branch is not taken.</summary>
    public bool InBranch { get; init; }

    /// <summary>A conditional axis's config value from every axis's recorded value (its own is the branch's label or the
    /// depth); null for an axis whose recorded value is its config value.</summary>
    public Func<IReadOnlyDictionary<string, ConfigNode>, ConfigNode>? Compose { get; init; }

    /// <summary>A conditional axis's tree as written, whose `${name}` uses count as uses of those axes and are substituted in its value.</summary>
    public ConfigNode? Template { get; init; }

    /// <summary>A searched depth: its value is a list of layers, spliced into the list where `${name}` is an item.</summary>
    public bool Spliced { get; init; }

    /// <summary>Sampled on a log scale (`loguniform`, `log: true`): the report's charts draw it so.</summary>
    public bool LogScale { get; init; }
}

/// <summary>
/// Axes whose values come together, one row per choice: a grid axis (one axis), a zip group (its
/// axes paired row by row), a random group (one row per sample) or repeats (the `seed` axis).
/// The sweep is the cartesian product of its factors, the first written varying slowest.
/// </summary>
public sealed record SweepFactor(IReadOnlyList<SweepAxis> Axes, IReadOnlyList<IReadOnlyList<ConfigNode>> Rows)
{
    /// <summary>False for random samples: their values can't be listed in filters ahead of time.</summary>
    public bool Enumerable { get; init; } = true;
}

/// <summary>One `include:` or `exclude:` entry: axis values that must all match.</summary>
public sealed record SweepFilter(MappingNode Node, IReadOnlyList<(SweepAxis Axis, ConfigNode Value)> Conditions);

/// <param name="Rejected">Axes written but refused (already reported), so their `${uses}` are not reported again.</param>
public sealed record Sweep(
    IReadOnlyList<SweepFactor> Factors,
    IReadOnlyList<SweepFilter> Include,
    IReadOnlyList<SweepFilter> Exclude,
    ConfigNode? Node,
    IReadOnlyCollection<string> Rejected)
{
    /// <summary>A sweep method's section (`race:`, `tpe:`, see <see cref="ISweepSection"/>): its factor is among
    /// <see cref="Factors"/> (the runs known in advance); null for a fixed plan.</summary>
    public ISweepMethodSpec? Method { get; init; }

    /// <summary>The method's entry under `sweep:`, where its errors point.</summary>
    public MappingEntry? MethodEntry { get; init; }

    /// <summary>`constraints:` (<see cref="Constraints.SweepConstraints"/>); none by default.</summary>
    public Constraints.SweepConstraints Constraints { get; init; } = Planning.Constraints.SweepConstraints.None;

    public static Sweep None { get; } = new(Array.Empty<SweepFactor>(), Array.Empty<SweepFilter>(), Array.Empty<SweepFilter>(), null, Array.Empty<string>());

    /// <summary>Every axis in order: factors as written, axes within a factor as written.</summary>
    public IReadOnlyList<SweepAxis> Axes => Factors.SelectMany(f => f.Axes).ToList();
}
