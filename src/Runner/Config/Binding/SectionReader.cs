using System.Globalization;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Files;

namespace Runner.Config.Binding;

/// <summary>
/// Reads one mapping section (`train:`, `data:`, ...) key by key. Every key asked for becomes known,
/// so whatever is left at the end is a typo or an unsupported key and is reported with the nearest
/// known one; nothing is silently ignored.
/// </summary>
public sealed class SectionReader
{
    readonly MappingNode? _mapping;
    readonly DiagnosticBag _bag;
    readonly List<string> _known = new();
    readonly Section? _declared;

    /// <param name="node">The section's value; null when the section is absent.</param>
    /// <param name="fallback">Where to point at when the section is absent (e.g. the whole file).</param>
    public SectionReader(ConfigNode? node, ConfigNode fallback, string path, DiagnosticBag bag)
    {
        Path = path;
        _bag = bag;
        Node = node ?? fallback;
        if (node is MappingNode mapping) _mapping = mapping;
        else if (node is not null and not ScalarNode { IsNull: true })
            bag.Add(node, $"{path}: expected a mapping of settings (`key: value` lines), got {node.Describe()}");
    }

    /// <summary>A section whose keys are declared: exactly those are known, and reading any other is a bug.</summary>
    public SectionReader(ConfigNode? node, ConfigNode fallback, Section section, DiagnosticBag bag)
        : this(node, fallback, section.Path, bag)
    {
        _declared = section;
        _known.AddRange(section.Names);
    }

    public string Path { get; }

    /// <summary>The section's node, or its fallback when absent: where "missing key" errors point.</summary>
    public ConfigNode Node { get; }

    public bool Present => _mapping is not null;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of <paramref name="key"/>, or null when absent or null (`key:` / `key: null`).</summary>
    public ConfigNode? this[string key]
    {
        get
        {
            var value = Entry(key)?.Value;
            return value is ScalarNode { IsNull: true } ? null : value;
        }
    }

    /// <summary>The whole entry (key node included); marks the key as known.</summary>
    public MappingEntry? Entry(string key)
    {
        if (_declared is not null && !_known.Contains(key))
            throw new InvalidOperationException($"the binder of '{Path}' reads '{key}', which the section does not declare");
        if (!_known.Contains(key)) _known.Add(key);
        return _mapping?.Find(key);
    }

    /// <summary>Where an error about <paramref name="key"/> should point: its value, else the section.</summary>
    public ConfigNode At(string key) => Entry(key)?.Value ?? Node;

    public int Int(string key, int fallback, ValueRange? range = null) =>
        this[key] is { } node ? Values.Int(node, PathOf(key), _bag, range) ?? fallback : fallback;

    public int? OptionalInt(string key, ValueRange? range = null) =>
        this[key] is { } node ? Values.Int(node, PathOf(key), _bag, range) : null;

    public double Float(string key, double fallback, ValueRange? range = null) =>
        this[key] is { } node ? Values.Float(node, PathOf(key), _bag, range) ?? fallback : fallback;

    public bool Bool(string key, bool fallback) =>
        this[key] is { } node ? Values.Bool(node, PathOf(key), _bag) ?? fallback : fallback;

    public string Text(string key, string fallback) =>
        this[key] is { } node ? Values.Text(node, PathOf(key), _bag) ?? fallback : fallback;

    public ConfigNode? this[ConfigKey key] => this[key.Name];

    public int Int(ScalarKey key) => Int(key.Name, Convert.ToInt32(key.Info.Default, CultureInfo.InvariantCulture), key.Info.Range);

    public int? OptionalInt(ScalarKey key) => OptionalInt(key.Name, key.Info.Range);

    /// <summary>The value, or the default when absent; null when the written value was refused (and reported), so a
    /// check that compares it with another key can stay silent instead of adding a second, wrong error about the default.</summary>
    public int? IntUnlessRefused(ScalarKey key) =>
        this[key] is { } node ? Values.Int(node, PathOf(key.Name), _bag, key.Info.Range) : Convert.ToInt32(key.Info.Default, CultureInfo.InvariantCulture);

    public double Float(ScalarKey key) => Float(key.Name, Convert.ToDouble(key.Info.Default, CultureInfo.InvariantCulture), key.Info.Range);

    public bool Bool(ScalarKey key) => Bool(key.Name, (bool)key.Info.Default!);

    public string Text(ScalarKey key) => Text(key.Name, (string)key.Info.Default!);

    /// <summary>Reports a missing key that has no default, pointing at the section.</summary>
    public void Missing(string key, string example) =>
        _bag.Add(Node, Path.Length == 0
            ? $"missing required section '{key}'; add e.g. `{key}: {example}`"
            : $"{Path}: missing required key '{key}'; add e.g. `{key}: {example}`");

    /// <summary>Entries not asked for so far (the dataset's own parameters live among `data:`'s keys).</summary>
    public IReadOnlyList<MappingEntry> Unclaimed =>
        _mapping?.Entries.Where(e => !_known.Contains(e.Name)).ToList() ?? (IReadOnlyList<MappingEntry>)Array.Empty<MappingEntry>();

    /// <summary>Every key never asked for (nor in <paramref name="alsoKnown"/>) is an error with the nearest known key.</summary>
    public void ReportUnknownKeys(IReadOnlyCollection<string>? alsoKnown = null)
    {
        alsoKnown ??= Array.Empty<string>();
        var known = _known.Concat(alsoKnown).Distinct().ToList();
        int reported = 0;
        foreach (var entry in Unclaimed.Where(e => !alsoKnown.Contains(e.Name)))
            // Suggestions cost an edit distance per known key; beyond what is shown, a plain message does.
            _bag.Add(entry.Key, reported++ < Limits.MaxErrorsShown
                ? UnknownKey(entry.Name, Path, known)
                : $"unknown key '{entry.Name}' {(Path.Length == 0 ? "at the top level" : $"in {Path}")}; remove it");
    }

    public static string UnknownKey(string key, string path, IEnumerable<string> known)
    {
        var where = path.Length == 0 ? "at the top level" : $"in {path}";
        return $"unknown key '{key}' {where}. {NameSuggestion.KnownAndSuggestion(key, known)}";
    }
}
