using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Models.Metrics;

/// <summary>
/// The metrics a run records, in recorded order: loss and accuracy always (the training loop computes
/// them anyway and the progress display shows them), then every other requested metric in the order
/// the config lists them. It says what an epoch must count and computes every value from the counts.
/// </summary>
public sealed class MetricSet
{
    public const string Loss = "loss";
    public const string Accuracy = "accuracy";

    readonly IReadOnlyList<(IMetricType Type, Arguments Arguments)> _metrics;

    MetricSet(IReadOnlyList<(IMetricType, Arguments)> metrics)
    {
        _metrics = metrics;
        var needs = metrics.Select(m => m.Item1.Needs(m.Item2)).ToList();
        Confusion = needs.Any(n => n.Confusion);
        TopK = needs.Where(n => n.TopK is not null).Select(n => n.TopK!.Value).Distinct().Order().ToList();
    }

    /// <summary>Some metric needs the confusion matrix of the epoch.</summary>
    public bool Confusion { get; }

    /// <summary>The k of every top-k hit count the epoch must keep.</summary>
    public IReadOnlyList<int> TopK { get; }

    /// <summary>Names in recorded order (loss, accuracy, f1_score, ...).</summary>
    public IEnumerable<string> Names => _metrics.Select(m => m.Type.Name);

    /// <summary>The recorded names for a requested list: loss and accuracy first, then the rest in the given order.</summary>
    public static IReadOnlyList<string> RecordedNames(IEnumerable<string> requested) =>
        new[] { Loss, Accuracy }.Concat(requested).Distinct(StringComparer.Ordinal).ToList();

    public static MetricSet Bind(IEnumerable<ComponentSpec> requested, ComponentRegistries registries)
    {
        var given = requested.ToList();
        var metrics = RecordedNames(given.Select(s => s.Name)).Select(name =>
        {
            var type = registries.Metrics.Get(name);
            var spec = given.FirstOrDefault(s => s.Name == name);
            return (type, type.WithDefaults(spec?.Arguments ?? Arguments.Empty));
        }).ToList();
        return new MetricSet(metrics);
    }

    /// <summary>A new, empty tally for one pass over a split whose batches come in the order of <paramref name="order"/> (null: in order).</summary>
    public EpochTally StartEpoch(int classes, Tensor targets, Tensor? order = null) => new(classes, Confusion, TopK, targets, order);

    /// <summary>Every metric's value, by name, in recorded order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Compute(EpochCounts counts) =>
        _metrics.Select(m => new KeyValuePair<string, double>(m.Type.Name, m.Type.Compute(counts, m.Arguments))).ToList();
}
