using Runner.Text;
using System.Globalization;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// One sampled axis as `random:` and `tpe:` write it: `{loguniform: [1e-4, 1e-1]}`, `{uniform: [0, 0.5]}`,
/// `{int: [32, 512]}`, `{choice: [relu, tanh]}` (a plain list is a choice too). <see cref="Draw"/> is
/// random's draw; <see cref="Dimension"/> is the axis for the TPE sampler, and <see cref="Value"/> turns
/// one of its points (a number, or a choice index) into the config value. Drawn floats are rounded to
/// 4 significant digits so that run ids stay readable and the values are exactly what the config says.
/// </summary>
public sealed class AxisDistribution
{
    public const int SignificantDigits = 4;
    public static readonly IReadOnlyList<string> Kinds = ["choice", "uniform", "loguniform", "int"];

    readonly ConfigNode _at;
    readonly IReadOnlyList<ConfigNode>? _choices;

    AxisDistribution(SearchDimension dimension, ConfigNode at, IReadOnlyList<ConfigNode>? choices)
    {
        Dimension = dimension;
        _at = at;
        _choices = choices;
    }

    public SearchDimension Dimension { get; }

    /// <summary>Random's draw (the sequence `random:` sweeps have always drawn).</summary>
    public ConfigNode Draw(SplitMix64 generator)
    {
        if (_choices is not null) return _choices[(int)(generator.Next() % (ulong)_choices.Count)];
        var number = (NumberDimension)Dimension;
        if (number.Integer)
        {
            long count = (long)number.High - (long)number.Low + 1;
            return Integer((long)number.Low + (long)(generator.Next() % (ulong)count));
        }
        double u = generator.NextDouble();
        return Value(number.Log
            ? Math.Exp(Math.Log(number.Low) + u * (Math.Log(number.High) - Math.Log(number.Low)))
            : number.Low + u * (number.High - number.Low));
    }

    /// <summary>The config value of a point: the choice at an index, a whole number, or a float rounded to 4 digits.</summary>
    public ConfigNode Value(double point) => Dimension switch
    {
        ChoiceDimension => _choices![(int)point],
        NumberDimension { Integer: true } => Integer((long)Math.Round(point)),
        _ => new ScalarNode(_at.Position, YamlText.Double(Rounded(point)), quoted: false),
    };

    /// <summary>The point of a config value written by <see cref="Value"/> (as a run's axis value text).</summary>
    public double Point(string text)
    {
        if (_choices is null) return double.Parse(text, CultureInfo.InvariantCulture);
        for (int i = 0; i < _choices.Count; i++) if (CompactText.Of(_choices[i]) == text) return i;
        throw new InvalidDataException($"'{text}' is not one of the choices of {Dimension.Name}");
    }

    /// <summary>The point of a value read back from a journal someone else may have written: null unless it is
    /// one of the choices, or a number (a whole one for int) within the declared bounds as rounded.</summary>
    public double? TryPoint(string text)
    {
        if (_choices is not null) return Enumerable.Range(0, _choices.Count).Select(i => (int?)i).FirstOrDefault(i => CompactText.Of(_choices[i!.Value]) == text);
        var number = (NumberDimension)Dimension;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) return null;
        if (number.Integer && value != Math.Round(value)) return null;
        return value >= Math.Min(number.Low, Rounded(number.Low)) && value <= Math.Max(number.High, Rounded(number.High)) ? value : null;
    }

    /// <summary>What values the axis takes, for messages: "loguniform in [0.0001, 0.3]", "one of sgd, adam".</summary>
    public string Describe() => Dimension switch
    {
        NumberDimension n => $"{(n.Integer ? "an integer" : n.Log ? "loguniform" : "uniform")} in [{YamlText.Double(n.Low)}, {YamlText.Double(n.High)}]",
        _ => "one of " + string.Join(", ", _choices!.Select(CompactText.Of)),
    };

    public static double Rounded(double value) =>
        double.Parse(value.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    ScalarNode Integer(long value) => new(_at.Position, value.ToString(CultureInfo.InvariantCulture), quoted: false);

    /// <summary>Every axis of a `random:`/`tpe:` section (its keys not yet read) with its distribution; those in error are left out (reported).</summary>
    public static (List<SweepAxis> Axes, List<AxisDistribution> Distributions) ParseAxes(SectionReader section, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        var axes = new List<SweepAxis>();
        var distributions = new List<AxisDistribution>();
        foreach (var entry in section.Unclaimed)
        {
            var axis = axisOf(entry.Key);
            var distribution = Parse(entry, section.Path, bag);
            if (axis is null || distribution is null) continue;
            axes.Add(axis);
            distributions.Add(distribution);
        }
        return (axes, distributions);
    }

    /// <summary>The distribution written at <paramref name="entry"/> (of section <paramref name="section"/>), or null (reported).</summary>
    public static AxisDistribution? Parse(MappingEntry entry, string section, DiagnosticBag bag)
    {
        string path = $"{section}.{entry.Name}";
        if (entry.Value is SequenceNode shorthand) return Choice(entry.Name, shorthand, path, bag);
        if (entry.Value is not MappingNode { Entries: [var only] })
        {
            bag.Add(entry.Value, $"{path}: expected one distribution, got {entry.Value.Describe()}; write e.g. `{{choice: [a, b]}}`, `{{uniform: [0, 1]}}`, `{{loguniform: [0.0001, 0.1]}}` or `{{int: [1, 10]}}`");
            return null;
        }
        switch (only.Name)
        {
            case "choice":
                return only.Value is SequenceNode list ? Choice(entry.Name, list, path, bag) : Fail(only.Value, $"{path}.choice: expected a list of values", bag);
            case "uniform" or "loguniform" or "int":
                if (Bounds(only, path, bag) is not var (low, high)) return null;
                if (only.Name == "loguniform" && low <= 0)
                    return Fail(only.Value, $"{path}.loguniform: bounds must be > 0 (got {Numbers.Exact(low)}); write e.g. [0.0001, 0.1]", bag);
                if (only.Name == "int" && (low != Math.Floor(low) || high != Math.Floor(high)))
                    return Fail(only.Value, $"{path}.int: bounds must be whole numbers; write e.g. [32, 512]", bag);
                return new AxisDistribution(new NumberDimension(entry.Name, low, high, Log: only.Name == "loguniform", Integer: only.Name == "int"), entry.Value, null);
            default:
                bag.Add(only.Key, $"{path}: unknown distribution '{only.Name}'. {NameSuggestion.KnownAndSuggestion(only.Name, Kinds)}");
                return null;
        }
    }

    static AxisDistribution? Choice(string name, SequenceNode list, string path, DiagnosticBag bag)
    {
        if (list.Items.Count == 0) return Fail(list, $"{path}: the choice is empty; give at least one value", bag);
        return new AxisDistribution(new ChoiceDimension(name, list.Items.Count), list, list.Items);
    }

    static (double Low, double High)? Bounds(MappingEntry distribution, string path, DiagnosticBag bag)
    {
        var where = $"{path}.{distribution.Name}";
        if (distribution.Value is not SequenceNode { Items.Count: 2 } pair)
        {
            bag.Add(distribution.Value, $"{where}: expected [low, high], got {distribution.Value.Describe()}; write e.g. `{distribution.Name}: [0.0001, 0.1]`");
            return null;
        }
        var low = Values.Float(pair.Items[0], where + "[0]", bag);
        var high = Values.Float(pair.Items[1], where + "[1]", bag);
        if (low is null || high is null) return null;
        if (low >= high && !(distribution.Name == "int" && low == high))
        {
            bag.Add(pair, $"{where}: low ({Numbers.Exact(low.Value)}) must be below high ({Numbers.Exact(high.Value)}); write [low, high]");
            return null;
        }
        return (low.Value, high.Value);
    }

    static AxisDistribution? Fail(ConfigNode at, string message, DiagnosticBag bag)
    {
        bag.Add(at, message);
        return null;
    }
}
