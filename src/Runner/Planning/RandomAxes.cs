using Runner.Text;
using System.Globalization;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// `random: {samples: 20, seed: 1, lr: {loguniform: [1e-4, 1e-1]}, units: {int: [32, 512]},
/// dropout: {uniform: [0, 0.5]}, activation: {choice: [relu, tanh]}}` (a plain list is a choice too).
/// Draws `samples` rows with a fixed generator; drawn floats are rounded to 4 significant digits so
/// that run ids stay readable and the values are exactly what the config says.
/// </summary>
static class RandomAxes
{
    public const int SignificantDigits = 4;
    public static readonly IReadOnlyList<string> Kinds = ["choice", "uniform", "loguniform", "int"];

    public static readonly ScalarKey Samples = new(Param.Int("samples", null, "how many combinations to draw", new ValueRange(1, 1_000_000))) { Required = true };
    public static readonly ScalarKey Seed = new(Param.Int("seed", 0, "seeds the draws", ValueRange.NonNegative));

    /// <summary>`random:`'s own keys; every other key is an axis with its distribution.</summary>
    public static readonly Section Section = new("sweep.random",
        "sampled axes: `lr: {loguniform: [1e-4, 1e-1]}`, `units: {int: [32, 512]}`, `dropout: {uniform: [0, 0.5]}`, `activation: {choice: [relu, tanh]}`",
        [Samples, Seed]);

    public static SweepFactor? Parse(ConfigNode node, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        var section = new SectionReader(node, node, Section, bag);
        if (!section.Present) return null;
        int errorsBefore = bag.Reports;
        if (section[Samples] is null) section.Missing(Samples.Name, "20");
        int samples = section.Int(Samples.Name, 1, Samples.Info.Range);
        ulong seed = (ulong)section.Int(Seed);

        var axes = new List<SweepAxis>();
        var draws = new List<Func<SplitMix64, ConfigNode>>();
        foreach (var entry in section.Unclaimed)
        {
            var axis = axisOf(entry.Key);
            var draw = Distribution(entry, bag);
            if (axis is null || draw is null) continue;
            axes.Add(axis);
            draws.Add(draw);
        }
        if (axes.Count == 0 && bag.Reports == errorsBefore)
            bag.Add(node, "sweep.random: no axes to draw; add e.g. `learning_rate: {loguniform: [0.0001, 0.1]}`");
        if (bag.Reports != errorsBefore) return null;

        var generator = new SplitMix64(seed);
        var rows = new List<IReadOnlyList<ConfigNode>>();
        for (int i = 0; i < samples; i++)
            rows.Add(draws.Select(draw => draw(generator)).ToList());
        return new SweepFactor(axes, rows) { Enumerable = false };
    }

    static Func<SplitMix64, ConfigNode>? Distribution(MappingEntry entry, DiagnosticBag bag)
    {
        string path = $"sweep.random.{entry.Name}";
        if (entry.Value is SequenceNode shorthand) return Choice(shorthand, path, bag);
        if (entry.Value is not MappingNode { Entries: [var only] })
        {
            bag.Add(entry.Value, $"{path}: expected one distribution, got {entry.Value.Describe()}; write e.g. `{{choice: [a, b]}}`, `{{uniform: [0, 1]}}`, `{{loguniform: [0.0001, 0.1]}}` or `{{int: [1, 10]}}`");
            return null;
        }
        var at = entry.Value;
        switch (only.Name)
        {
            case "choice":
                return only.Value is SequenceNode list ? Choice(list, path, bag) : Fail(only.Value, $"{path}.choice: expected a list of values", bag);
            case "uniform" or "loguniform" or "int":
                if (Bounds(only, path, bag) is not var (low, high)) return null;
                if (only.Name == "loguniform" && low <= 0)
                    return Fail(only.Value, $"{path}.loguniform: bounds must be > 0 (got {Numbers.Exact(low)}); write e.g. [0.0001, 0.1]", bag);
                if (only.Name == "int")
                    return Integers(low, high, at, path, only.Value, bag);
                return only.Name == "uniform"
                    ? generator => Number(at, low + generator.NextDouble() * (high - low))
                    : generator => Number(at, Math.Exp(Math.Log(low) + generator.NextDouble() * (Math.Log(high) - Math.Log(low))));
            default:
                bag.Add(only.Key, $"{path}: unknown distribution '{only.Name}'. {NameSuggestion.KnownAndSuggestion(only.Name, Kinds)}");
                return null;
        }
    }

    static Func<SplitMix64, ConfigNode>? Choice(SequenceNode list, string path, DiagnosticBag bag)
    {
        if (list.Items.Count == 0) return Fail(list, $"{path}: the choice is empty; give at least one value", bag);
        return generator => list.Items[(int)(generator.Next() % (ulong)list.Items.Count)];
    }

    static Func<SplitMix64, ConfigNode>? Integers(double low, double high, ConfigNode at, string path, ConfigNode bounds, DiagnosticBag bag)
    {
        if (low != Math.Floor(low) || high != Math.Floor(high))
            return Fail(bounds, $"{path}.int: bounds must be whole numbers; write e.g. [32, 512]", bag);
        long count = (long)high - (long)low + 1;
        return generator => new ScalarNode(at.Position,
            ((long)low + (long)(generator.Next() % (ulong)count)).ToString(CultureInfo.InvariantCulture), quoted: false);
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

    static ConfigNode Number(ConfigNode at, double value)
    {
        var rounded = double.Parse(value.ToString("G" + SignificantDigits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new ScalarNode(at.Position, YamlText.Double(rounded), quoted: false);
    }

    static Func<SplitMix64, ConfigNode>? Fail(ConfigNode at, string message, DiagnosticBag bag)
    {
        bag.Add(at, message);
        return null;
    }
}
