using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Results;

/// <summary>
/// Metric values by name, in recorded order (loss, accuracy, f1_score, val_loss, ...): one split's
/// values, or an epoch's for every split. Written to JSON as an object of name: value.
/// </summary>
[JsonConverter(typeof(MetricValuesJson))]
public sealed class MetricValues : IReadOnlyList<KeyValuePair<string, double>>, IEquatable<MetricValues>
{
    public static readonly MetricValues Empty = new([]);

    readonly KeyValuePair<string, double>[] _items;

    public MetricValues(IEnumerable<KeyValuePair<string, double>> items) => _items = items.ToArray();

    public IEnumerable<string> Names => _items.Select(i => i.Key);

    /// <summary>The value of <paramref name="name"/>, or null when it was not recorded.</summary>
    public double? Get(string name)
    {
        foreach (var item in _items) if (item.Key == name) return item.Value;
        return null;
    }

    /// <summary>The same values under prefixed names: the validation split's are `val_loss`, `val_f1_score`.</summary>
    public MetricValues Prefixed(string prefix) => new(_items.Select(i => new KeyValuePair<string, double>(prefix + i.Key, i.Value)));

    public MetricValues Concat(MetricValues? more) => more is null ? this : new(_items.Concat(more._items));

    public int Count => _items.Length;
    public KeyValuePair<string, double> this[int index] => _items[index];
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(MetricValues? other) => other is not null && _items.SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as MetricValues);
    public override int GetHashCode() => _items.Aggregate(0, (h, i) => HashCode.Combine(h, i.Key, i.Value));
    public override string ToString() => string.Join(", ", _items.Select(i => $"{i.Key}={i.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// `{"loss": 0.31, "accuracy": 0.9}`. Reads the result.json of earlier versions too, whose test
/// evaluation was `{"Loss": ..., "Accuracy": ..., "Seconds": ...}`.
/// </summary>
sealed class MetricValuesJson : JsonConverter<MetricValues>
{
    public override MetricValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = new List<KeyValuePair<string, double>>();
        foreach (var (name, value) in JsonObjects.Numbers(ref reader))
            if (name != "Seconds" && value is { } v) values.Add(new(JsonObjects.SnakeCase(name), v));
        return new MetricValues(values);
    }

    public override void Write(Utf8JsonWriter writer, MetricValues value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, v) in value) JsonObjects.WriteNumber(writer, name, v);
        writer.WriteEndObject();
    }
}

/// <summary>Flat JSON objects of numbers, as metric records are written.</summary>
static class JsonObjects
{
    /// <summary>Every property of the object the reader is on; null values (an earlier version's missing validation) as null.</summary>
    public static List<(string Name, double? Value)> Numbers(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object of metric values");
        var properties = new List<(string, double?)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("expected a metric name");
            var name = reader.GetString()!;
            reader.Read();
            properties.Add((name, reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number => reader.GetDouble(),
                // NaN and infinities, which a diverged run's last epoch may hold.
                JsonTokenType.String when double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
                _ => throw new JsonException($"'{name}' is not a number"),
            }));
        }
        return properties;
    }

    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>ValLoss -> val_loss: the property names earlier versions wrote.</summary>
    public static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
