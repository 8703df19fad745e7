using System.Globalization;
using System.Text.RegularExpressions;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// Reads `sweep:` into factors and filters. Each key is, in the order written:
/// <list type="bullet">
/// <item>an axis: `optimizer: [sgd, adam]` (a variable) or `train.batch_size: [32, 128]` (a path);</item>
/// <item>`zip:` one group `{lr: [0.1, 0.01], train.batch_size: [32, 256]}` or a list of groups;</item>
/// <item>`random:` sampled axes (see <see cref="RandomAxes"/>);</item>
/// <item>`repeats: 3`, the axis `seed` with values 1..3;</item>
/// <item>a sweep method's section (`race:`, `tpe:`), read by the method (<see cref="ISweepSection"/>); at most one;</item>
/// <item>`include:` / `exclude:`, lists of `{axis: value, ...}` that keep only / drop matching runs;</item>
/// <item>`constraints:` (<see cref="Constraints.SweepConstraints"/>), which may go beside a method that stands alone.</item>
/// </list>
/// </summary>
public static partial class SweepParser
{
    /// <summary>The keywords under `sweep:`, the sweep methods' sections among them, in the order the schema lists them.</summary>
    public static IReadOnlyList<string> Keywords(IReadOnlyList<ISweepSection> sections) =>
        ["zip", "random", "repeats", .. sections.Select(s => s.Key), "include", "exclude", Constraints.SweepConstraints.Key];
    public static readonly ValueRange RepeatsRange = new(1, 1_000_000);


    [GeneratedRegex("^" + Variables.NamePattern + "$")] private static partial Regex VariableName();

    public static Sweep Parse(ConfigNode? node, IReadOnlyList<ISweepSection> sections, DiagnosticBag bag)
    {
        if (node is null or ScalarNode { IsNull: true }) return Sweep.None;
        if (node is not MappingNode mapping)
        {
            bag.Add(node, $"sweep: expected a mapping of axes, got {node.Describe()}; write e.g. `optimizer: [sgd, adam]` under sweep:");
            return Sweep.None;
        }

        var factors = new List<SweepFactor>();
        SectionRead? method = null, seedRace = null;
        MappingEntry? methodEntry = null;
        // `race:` beside a search that takes seeds (`tpe:`) decides the search's seeds instead of being the sweep's method.
        bool SeedsOfSearch(ISweepSection section) => section.RacesSeeds && sections.Any(s => s.TakesRepeats && mapping.Find(s.Key) is not null);
        var constraints = Constraints.SweepConstraints.None;
        var names = new Dictionary<string, SweepAxis>();
        var written = new HashSet<string>();
        SweepAxis? AxisOf(ScalarNode key)
        {
            written.Add(key.Text);
            var axis = NewAxis(key, bag);
            if (axis is null) return null;
            if (names.TryGetValue(axis.Name, out var first))
            {
                bag.Add(key, $"sweep: axis '{axis.Name}' is defined twice (first at line {first.Key.Position.Line}); keep one");
                return null;
            }
            return names[axis.Name] = axis;
        }

        foreach (var entry in mapping.Entries)
        {
            if (sections.FirstOrDefault(s => s.Key == entry.Name) is { } section)
            {
                if (SeedsOfSearch(section))
                {
                    if (mapping.Find("repeats") is { } repeatsEntry)
                        bag.Add(entry.Key, $"sweep.{entry.Name}: `repeats:` (line {repeatsEntry.Key.Position.Line}) gives every trial its seeds already, and `{entry.Name}:` decides them; keep one");
                    else if (section.Read(entry, AxisOf, bag) is { } read)
                    {
                        factors.Add(read.Factor);
                        seedRace = read;
                    }
                    continue;
                }
                if (methodEntry is not null && sections.First(s => s.Key == methodEntry.Name) is var held
                    && (held.FixedPoints && section.RacesSeeds || held.RacesSeeds && section.FixedPoints))
                {
                    // Points known in advance (`sobol:`) raced over seeds (`race:`), as `random:` beside `race:`: the race is the method.
                    if (section.Read(entry, AxisOf, bag) is { } read)
                    {
                        factors.Add(read.Factor);
                        if (section.RacesSeeds) (method, methodEntry) = (read, entry);
                    }
                }
                else if (methodEntry is not null)
                    bag.Add(entry.Key, $"sweep.{entry.Name}: a sweep has one method, and `{methodEntry.Name}:` (line {methodEntry.Key.Position.Line}) is one already; keep one");
                else if (section.Read(entry, AxisOf, bag) is { } read)
                {
                    factors.Add(read.Factor);
                    (method, methodEntry) = (read, entry);
                }
                continue;
            }
            switch (entry.Name)
            {
                case "zip":
                    foreach (var group in entry.Value is SequenceNode groups ? groups.Items : [entry.Value])
                        if (Zip(group, AxisOf, bag) is { } zip) factors.Add(zip);
                    break;
                case "random":
                    if (RandomAxes.Parse(entry.Value, AxisOf, bag) is { } random) factors.Add(random);
                    break;
                case "repeats":
                    // The seed axis is declared even when the count is refused, so `${seed}` is not reported as undefined too.
                    var count = Config.Binding.Values.Int(entry.Value, "sweep.repeats", bag, RepeatsRange);
                    if (Seeds(entry, count ?? 1, AxisOf) is { } repeats && count is not null) factors.Add(repeats);
                    break;
                case "include" or "exclude":
                    break;
                case Constraints.SweepConstraints.Key:
                    constraints = Constraints.SweepConstraints.Parse(entry.Value, bag);
                    break;
                default:
                    if (AxisOf(entry.Key) is { } axis && Values(entry.Value, $"sweep.{entry.Name}", bag) is { } values)
                        factors.Add(new SweepFactor([axis], values.Select(v => (IReadOnlyList<ConfigNode>)[v]).ToList()));
                    break;
            }
        }
        foreach (var alone in sections.Where(s => s.Alone is not null && mapping.Find(s.Key) is not null && mapping.Entries.Count > 1))
            foreach (var other in mapping.Entries.Where(e => e.Name != alone.Key && e.Name != Constraints.SweepConstraints.Key && !(alone.TakesRepeats && (e.Name == "repeats" || sections.Any(s => s.Key == e.Name && s.RacesSeeds)))))
                bag.Add(other.Key, IsKeyword(other.Name, sections)
                    ? $"sweep.{other.Name}: {alone.Alone}, so `{other.Name}:` can't go beside `{alone.Key}:`; remove it"
                    : $"sweep.{other.Name}: {alone.Alone}, so an axis can't go beside `{alone.Key}:`; search it inside, e.g. `{alone.Key}: {{..., {other.Name}: {{choice: [a, b]}}}}`");
        var include = Filters(mapping.Find("include"), factors, bag);
        var exclude = Filters(mapping.Find("exclude"), factors, bag);
        var accepted = factors.SelectMany(f => f.Axes).Select(a => a.Name).ToHashSet();
        var spec = seedRace is not null ? method?.Spec.WithSeedRace(seedRace.Spec) : method?.Spec;
        return new Sweep(factors, include, exclude, node, written.Where(n => !accepted.Contains(n)).ToList()) { Method = spec, MethodEntry = methodEntry, Constraints = constraints };
    }

    static SweepAxis? NewAxis(ScalarNode key, DiagnosticBag bag)
    {
        if (key.Text.Contains('.'))
            return ConfigPath.Parse(key.Text, key.Position, bag) is { } path ? new SweepAxis(key.Text, key, path) : null;
        // runs.csv gives each axis a column beside its own (red team: an axis `epochs` trained every run, then failed
        // with an internal error as the first ended).
        if (Runner.Results.RunsColumns.Fixed.Contains(key.Text))
        {
            bag.Add(key, $"sweep: an axis can't be named '{key.Text}', a column runs.csv records for every run; name it otherwise (`n_{key.Text}: [...]` and `${{n_{key.Text}}}` where it is used)");
            return null;
        }
        if (VariableName().IsMatch(key.Text)) return new SweepAxis(key.Text, key, null);
        bag.Add(key, $"sweep: '{key.Text}' is neither a variable name (letters, digits, '_') nor a dotted path (train.batch_size)");
        return null;
    }

    /// <summary>An axis's values: a non-empty list; each value may be a whole sub-tree.</summary>
    static IReadOnlyList<ConfigNode>? Values(ConfigNode node, string path, DiagnosticBag bag)
    {
        if (node is not SequenceNode list)
        {
            bag.Add(node, $"{path}: an axis is a list of values, got {node.Describe()}; write e.g. `{Config.Binding.Values.LastKey(path)}: [a, b]`");
            return null;
        }
        if (list.Items.Count == 0)
        {
            bag.Add(node, $"{path}: the axis is empty, which would make no runs; give at least one value");
            return null;
        }
        return list.Items;
    }

    static SweepFactor? Zip(ConfigNode node, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        if (node is not MappingNode { Entries.Count: > 0 } group)
        {
            var got = node is MappingNode ? "an empty mapping" : node.Describe();
            bag.Add(node, $"sweep.zip: expected a mapping of axes that vary together, got {got}; write e.g. `zip: {{lr: [0.1, 0.01], train.batch_size: [32, 256]}}`");
            return null;
        }
        var axes = new List<SweepAxis>();
        var columns = new List<IReadOnlyList<ConfigNode>>();
        foreach (var entry in group.Entries)
        {
            var axis = axisOf(entry.Key);
            var values = Values(entry.Value, $"sweep.zip.{entry.Name}", bag);
            if (axis is null || values is null) return null;
            axes.Add(axis);
            columns.Add(values);
        }
        if (columns.Select(c => c.Count).Distinct().Count() > 1)
        {
            var lengths = string.Join(", ", axes.Zip(columns, (a, c) => $"{a.Name} has {c.Count}"));
            bag.Add(group, $"sweep.zip: axes that vary together need the same number of values ({lengths}); make the lists equally long");
            return null;
        }
        var rows = Enumerable.Range(0, columns[0].Count)
            .Select(row => (IReadOnlyList<ConfigNode>)columns.Select(c => c[row]).ToList()).ToList();
        return new SweepFactor(axes, rows);
    }

    /// <summary>The axis `seed` with values 1..count (`repeats:`, a race's seeds), named at <paramref name="entry"/>'s key.</summary>
    public static SweepFactor? Seeds(MappingEntry entry, int count, Func<ScalarNode, SweepAxis?> axisOf)
    {
        // The axis is named `seed`, positioned at the keyword, so an error in it points there.
        var axis = axisOf(new ScalarNode(entry.Key.Position, Results.SeedAxis.Name, quoted: false));
        if (axis is null) return null;
        var rows = Enumerable.Range(1, count)
            .Select(seed => (IReadOnlyList<ConfigNode>)[new ScalarNode(entry.Value.Position, seed.ToString(CultureInfo.InvariantCulture), quoted: false)])
            .ToList();
        return new SweepFactor([axis], rows);
    }

    static IReadOnlyList<SweepFilter> Filters(MappingEntry? entry, IReadOnlyList<SweepFactor> factors, DiagnosticBag bag)
    {
        if (entry is null) return Array.Empty<SweepFilter>();
        var items = entry.Value is SequenceNode list ? list.Items : [entry.Value];
        var filters = new List<SweepFilter>();
        foreach (var item in items)
        {
            if (item is not MappingNode { Entries.Count: > 0 } conditions)
            {
                bag.Add(item, $"sweep.{entry.Name}: each entry is a mapping of axis values, got {item.Describe()}; write e.g. `- {{optimizer: sgd, activation: relu}}`");
                continue;
            }
            var parsed = new List<(SweepAxis, ConfigNode)>();
            foreach (var condition in conditions.Entries)
                if (Condition(condition, entry.Name, factors, bag) is { } c) parsed.Add(c);
            if (parsed.Count == conditions.Entries.Count) filters.Add(new SweepFilter(conditions, parsed));
        }
        return filters;
    }

    static (SweepAxis, ConfigNode)? Condition(MappingEntry condition, string kind, IReadOnlyList<SweepFactor> factors, DiagnosticBag bag)
    {
        var factor = factors.FirstOrDefault(f => f.Axes.Any(a => a.Name == condition.Name));
        if (factor is null)
        {
            var axes = factors.SelectMany(f => f.Axes).Select(a => a.Name).ToList();
            bag.Add(condition.Key, axes.Count == 0
                ? $"sweep.{kind}: '{condition.Name}' is not an axis; this sweep has no axes to {kind}, so remove `{kind}:` or add the axis"
                : $"sweep.{kind}: '{condition.Name}' is not an axis of this sweep. {NameSuggestion.KnownAndSuggestion(condition.Name, axes)}");
            return null;
        }
        int column = factor.Axes.ToList().FindIndex(a => a.Name == condition.Name);
        var axisValues = factor.Rows.Select(r => r[column]).ToList();
        if (factor.Enumerable && !axisValues.Any(v => CompactText.SameValue(v, condition.Value)))
        {
            var known = axisValues.Select(CompactText.Of).Distinct().ToList();
            bag.Add(condition.Value, $"sweep.{kind}: {CompactText.Of(condition.Value)} is not a value of axis '{condition.Name}'. {NameSuggestion.KnownAndSuggestion(CompactText.Of(condition.Value), known)}");
            return null;
        }
        return (factor.Axes[column], condition.Value);
    }

    public static bool IsKeyword(string key, IReadOnlyList<ISweepSection> sections) => Keywords(sections).Contains(key);
}
