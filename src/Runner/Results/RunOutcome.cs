using System.Text.Json;
using Runner.Files;
using Runner.Training;

namespace Runner.Results;

/// <summary>How one run ended, as result.json records it. Status is one of <see cref="RunStatus"/>'s values;
/// Device is where it trained (what `train.device: auto` chose), null when it failed before training.</summary>
public sealed record RunOutcome(string Status, int Epochs, EpochMetrics? Last, Evaluation? Test, double Seconds, string Reason,
    string? Device = null)
{
    public bool Succeeded => Status is RunStatus.Done;

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
