using System.Collections;
using System.Globalization;
using Runner.Models.Registries;

namespace Runner.Models.Specs;

/// <summary>
/// The validated parameter values of one component, in declaration order. Values are int, double,
/// bool, string, <see cref="IntPair"/> or a nested <see cref="ComponentSpec"/> (an activation or an
/// initializer). A parameter declared optional without a default is simply absent.
/// </summary>
public sealed class Arguments : IReadOnlyDictionary<string, object>
{
    public static readonly Arguments Empty = new(Array.Empty<KeyValuePair<string, object>>());

    readonly KeyValuePair<string, object>[] _items;

    public Arguments(IEnumerable<KeyValuePair<string, object>> items) => _items = items.ToArray();

    /// <summary>
    /// Arguments for a component: the given values (already of the declared types) plus every other
    /// declared default. For code and tests; the config layer converts and checks YAML before this.
    /// </summary>
    public static Arguments For(IReadOnlyList<ParameterInfo> parameters, params (string Name, object Value)[] given)
    {
        var byName = given.ToDictionary(g => g.Name, g => g.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var name in byName.Keys)
            if (!parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"unknown parameter '{name}'");
        var items = new List<KeyValuePair<string, object>>();
        foreach (var p in parameters)
        {
            if (byName.TryGetValue(p.Name, out var value)) items.Add(new(p.Name, value));
            else if (p.Default is not null) items.Add(new(p.Name, p.Default));
            else if (p.Required) throw new ArgumentException($"missing required parameter '{p.Name}'");
        }
        return new Arguments(items);
    }

    public int Int(string name) => Convert.ToInt32(this[name], CultureInfo.InvariantCulture);
    public double Float(string name) => Convert.ToDouble(this[name], CultureInfo.InvariantCulture);
    public bool Bool(string name) => (bool)this[name];
    public string Text(string name) => (string)this[name];
    public IntPair Pair(string name) => (IntPair)this[name];
    public ComponentSpec Component(string name) => (ComponentSpec)this[name];
    public IntPair? OptionalPair(string name) => TryGetValue(name, out var v) ? (IntPair)v : null;

    /// <summary>A copy with one value replaced (used e.g. to fuse a final softmax into the loss).</summary>
    public Arguments With(string name, object value) =>
        new(_items.Select(i => i.Key == name ? new KeyValuePair<string, object>(name, value) : i));

    public object this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no argument '{key}'");
    public IEnumerable<string> Keys => _items.Select(i => i.Key);
    public IEnumerable<object> Values => _items.Select(i => i.Value);
    public int Count => _items.Length;
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out object value)
    {
        foreach (var item in _items)
            if (string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase)) { value = item.Value; return true; }
        value = null!;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", _items.Select(i => $"{i.Key}={Format(i.Value)}"));

    public static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
