using System.Text.Json;
using Runner.Files;

namespace Runner.Results;

/// <summary>How one run ended, as result.json records it. Status is one of <see cref="RunStatus"/>'s values;
/// Device is where it trained (what `train.device: auto` chose), null when it failed before training.
/// Test holds the test split's metrics by bare name (loss, accuracy, f1_score), null when the run was not
/// tested, and TestSeconds how long that evaluation took (bench/ reads it). FusedWith is set when the run
/// trained fused, stacked with other runs of the same shape: the ids of every run of its array, its own included.</summary>
public sealed record RunOutcome(string Status, int Epochs, EpochMetrics? Last, MetricValues? Test, double Seconds, string Reason,
    string? Device = null, double? TestSeconds = null)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? FusedWith { get; init; }

    public bool Succeeded => Status is RunStatus.Done;

    /// <summary>A recorded metric's final value: `test_` names from the test split, the others from the last epoch.</summary>
    public double? Value(string metric) =>
        metric.StartsWith(RecordedMetrics.TestPrefix, StringComparison.Ordinal)
            ? Test?.Get(RecordedMetrics.Bare(metric))
            : Last?.Get(metric);

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// The outcome a result.json records, or null when there is none. A damaged one (garbage, an unknown
    /// status, too large) means the run did not end as far as anyone can tell: null too.
    /// </summary>
    public static RunOutcome? Read(string resultJson)
    {
        if (!File.Exists(resultJson)) return null;
        try
        {
            var outcome = JsonSerializer.Deserialize<RunOutcome>(BoundedRead.Text(resultJson, 1 << 20) ?? "");
            return outcome is { Status: var status } && RunStatus.Known(status) ? outcome : null;
        }
        catch (JsonException) { return null; }
    }
}
