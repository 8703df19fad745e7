using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// One key of a config section, declared once: the section's binder reads the value through it (a
/// <see cref="SectionReader"/> over a <see cref="Section"/> knows exactly these keys), and `runner
/// schema` describes it from the same declaration. Each subtype is a shape of value.
/// </summary>
public abstract record ConfigKey(string Name, string Description)
{
    /// <summary>The section is incomplete without it (no default can stand in).</summary>
    public bool Required { get; init; }
}

/// <summary>A number, flag or text; its type, default and range are a <see cref="ParameterInfo"/>, like a component's parameters.</summary>
public sealed record ScalarKey(ParameterInfo Info) : ConfigKey(Info.Name, Info.Description)
{
    /// <summary>A regular expression text values must match (a device name, a folder-safe name).</summary>
    public string? Pattern { get; init; }
}

/// <summary>A component from the registry of <paramref name="Kind"/> ("optimizer"), by name or with its parameters.</summary>
public sealed record ComponentKey(string Name, string Kind, string? Default, string Description) : ConfigKey(Name, Description);

/// <summary>A non-empty list of components of <paramref name="Kind"/> (the layer stack).</summary>
public sealed record ComponentListKey(string Name, string Kind, string Description) : ConfigKey(Name, Description);

/// <summary>
/// A list of components of <paramref name="Kind"/> with distinct names, each a name or a mapping with its
/// settings (`metrics: [accuracy, {name: f1_score, average: weighted}]`); <paramref name="Default"/> by name.
/// </summary>
public sealed record ComponentSetKey(string Name, string Kind, IReadOnlyList<string> Default, string Description) : ConfigKey(Name, Description);

/// <summary>A non-empty list of whole numbers in <paramref name="Range"/>, at most <paramref name="MaxItems"/> long.</summary>
public sealed record IntListKey(string Name, ValueRange Range, int? MaxItems, string Description) : ConfigKey(Name, Description);

/// <summary>A non-empty list of texts (folder paths), at most <paramref name="MaxItems"/> long.</summary>
public sealed record TextListKey(string Name, int MaxItems, string Description) : ConfigKey(Name, Description);

/// <summary>A metric a run records: loss or a train metric, `val_`-prefixed, and `test_`-prefixed where <paramref name="AllowTest"/>.</summary>
public sealed record MonitorKey(string Name, bool AllowTest, string Description) : ConfigKey(Name, Description);

/// <summary>A mapping of recorded metrics (and run facts such as `parameters`) to `max` or `min`: a report's objectives.</summary>
public sealed record ObjectivesKey(string Name, string Description) : ConfigKey(Name, Description);

/// <summary>A nested mapping of its own keys; <see cref="Switch"/> says which booleans may stand for it.</summary>
public sealed record SectionKey(string Name, Section Section, SectionSwitch Switch, string Description) : ConfigKey(Name, Description);

/// <summary>`sweep:`, read by the sweep parser before binding (Planning/SweepParser).</summary>
public sealed record SweepKey(string Name, string Description) : ConfigKey(Name, Description);

/// <summary>What a boolean written in place of a section means.</summary>
public enum SectionSwitch
{
    /// <summary>Only a mapping (or nothing) is accepted.</summary>
    None,
    /// <summary>`false` turns it off (`pruning: false`).</summary>
    Off,
    /// <summary>`false` turns it off, `true` on with every default (`early_stopping: true`).</summary>
    OnOff,
}

/// <summary>The declared keys of one mapping section; <paramref name="Path"/> is "" for the top level.</summary>
public sealed record Section(string Path, string Description, IReadOnlyList<ConfigKey> Keys)
{
    public IEnumerable<string> Names => Keys.Select(k => k.Name);

    /// <summary>The keys a bound value of this section has, when that depends on the value (a pruning method
    /// reads only its own settings); null: all of them.</summary>
    public Func<object, IEnumerable<ConfigKey>>? KeysFor { get; init; }

    /// <summary>The keys a bound value has, in declared order: what a resolved config writes of it (the sweep is expanded by then).</summary>
    public IEnumerable<ConfigKey> KeysOf(object spec) => Keys.Intersect(KeysFor?.Invoke(spec) ?? Keys).Where(k => k is not SweepKey);
}
