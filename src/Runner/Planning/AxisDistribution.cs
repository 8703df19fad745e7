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
        if (number.Integer && !number.Log)
        {
            long count = (long)number.High - (long)number.Low + 1;
            return Integer((long)number.Low + (long)(generator.Next() % (ulong)count));
        }
        double u = generator.NextDouble();
        if (number.Integer) return Integer((long)number.FromInternal(number.Internal.Low + u * (number.Internal.High - number.Internal.Low)));
        return Value(number.Log
            ? Math.Exp(Math.Log(number.Low) + u * (Math.Log(number.High) - Math.Log(number.Low)))
            : number.Low + u * (number.High - number.Low));
    }

    /// <summary>The config value of a point: the choice at an index, a whole number, or a float rounded to 4 digits;
    /// for NaN (a parameter of a conditional space that is not active) the empty value, which runs.csv records as empty.</summary>
    public ConfigNode Value(double point) => Dimension switch
    {
        _ when double.IsNaN(point) => Inactive,
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
        NumberDimension n => $"{(n.Integer ? n.Log ? "an integer (log scale)" : "an integer" : n.Log ? "loguniform" : "uniform")} in [{YamlText.Double(n.Low)}, {YamlText.Double(n.High)}]",
        _ => "one of " + string.Join(", ", _choices!.Select(CompactText.Of)),
    };

    /// <summary>What an inactive parameter records: nothing.</summary>
    public ScalarNode Inactive => new(_at.Position, "", quoted: false);

    public static double Rounded(double value) =>
        double.Parse(value.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    ScalarNode Integer(long value) => new(_at.Position, value.ToString(CultureInfo.InvariantCulture), quoted: false);

    /// <summary>The distribution <paramref name="value"/> writes for axis or parameter <paramref name="name"/> (at <paramref name="path"/>), or null (reported).
    /// A number may add `log: true` (`{int: [16, 256], log: true}`: drawn evenly in the logarithm, as `loguniform`).</summary>
    public static AxisDistribution? Parse(string name, ConfigNode value, string path, DiagnosticBag bag)
    {
        if (value is SequenceNode shorthand) return Choice(name, shorthand, path, bag);
        var log = (value as MappingNode)?.Find("log");
        if (value is not MappingNode mapping || mapping.Entries.Where(e => e != log).ToList() is not [var only])
        {
            bag.Add(value, $"{path}: expected one distribution, got {value.Describe()}; write e.g. `{{choice: [a, b]}}`, `{{uniform: [0, 1]}}`, `{{loguniform: [0.0001, 0.1]}}` or `{{int: [1, 10]}}`");
            return null;
        }
        bool logScale = false;
        if (log is not null)
        {
            if (only.Name is not ("int" or "uniform"))
                return Fail(log.Key, $"{path}.log: only `int` and `uniform` take `log: true` (loguniform is on a log scale already, a choice has no scale)", bag);
            if (Values.Bool(log.Value, $"{path}.log", bag) is not { } flag) return null;
            logScale = flag;
        }
        switch (only.Name)
        {
            case "choice":
                return only.Value is SequenceNode list ? Choice(name, list, path, bag) : Fail(only.Value, $"{path}.choice: expected a list of values", bag);
            case "uniform" or "loguniform" or "int":
                if (Bounds(only, path, bag) is not var (low, high)) return null;
                logScale |= only.Name == "loguniform";
                if (logScale && low <= 0)
                    return Fail(only.Value, $"{path}.{only.Name}: bounds must be > 0 on a log scale (got {Numbers.Exact(low)}); write e.g. [0.0001, 0.1]", bag);
                if (only.Name == "int" && (low != Math.Floor(low) || high != Math.Floor(high)))
                    return Fail(only.Value, $"{path}.int: bounds must be whole numbers; write e.g. [32, 512]", bag);
                return new AxisDistribution(new NumberDimension(name, low, high, Log: logScale, Integer: only.Name == "int"), value, null);
            default:
                bag.Add(only.Key, $"{path}: unknown distribution '{only.Name}'. {NameSuggestion.KnownAndSuggestion(only.Name, [.. Kinds, ConditionalAxis.Depth])}");
                return null;
        }
    }

    /// <summary>A choice among labels (a conditional choice's options, <see cref="ConditionalAxis"/>): its points are the labels' indices.</summary>
    public static AxisDistribution Labels(string name, IReadOnlyList<ConfigNode> labels, ConfigNode at) =>
        new(new ChoiceDimension(name, labels.Count), at, labels);

    /// <summary>A number drawn as <paramref name="dimension"/> says (a searched depth, <see cref="ConditionalAxis"/>).</summary>
    public static AxisDistribution Number(NumberDimension dimension, ConfigNode at) => new(dimension, at, null);

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
