namespace Runner.Models.Registries;

/// <summary>
/// Name -> component of one kind (layer, activation, ...). Lookup is case-insensitive, registering a
/// name twice throws, and an unknown name is answered with every known name and the closest one.
/// </summary>
public sealed class Registry<T> where T : IComponentType
{
    readonly Dictionary<string, T> _byName = new(StringComparer.OrdinalIgnoreCase);

    public Registry(string kind) => Kind = kind;

    /// <summary>What the registry holds, singular, as used in messages: "activation".</summary>
    public string Kind { get; }

    public IEnumerable<T> All => _byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal);
    public IEnumerable<string> Names => All.Select(c => c.Name);

    public Registry<T> Add(T component)
    {
        if (!_byName.TryAdd(component.Name, component))
            throw new InvalidOperationException($"{Kind} '{component.Name}' is registered twice");
        return this;
    }

    public bool TryGet(string name, out T component) => _byName.TryGetValue(name, out component!);

    public T Get(string name) =>
        TryGet(name, out var component) ? component : throw new UnknownNameException(UnknownMessage(name));

    /// <summary>unknown activation 'rleu'. Known: elu, gelu, relu, .... Did you mean 'relu'?</summary>
    public string UnknownMessage(string name) =>
        $"unknown {Kind} '{name}'. {NameSuggestion.KnownAndSuggestion(name, Names)}";
}

public sealed class UnknownNameException(string message) : Exception(message);
