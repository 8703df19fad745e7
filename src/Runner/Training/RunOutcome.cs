using Runner.Recording;
using Runner.Results;

namespace Runner.Training;

/// <summary>How one run ended. Status is one of <see cref="RunStatus"/>'s values; Device is where it
/// trained (what `train.device: auto` chose), null when it failed before training. Test holds the test
/// split's metrics by bare name (loss, accuracy, f1_score), null when the run was not tested, and
/// TestSeconds how long that evaluation took (bench/ reads it).</summary>
public sealed record RunOutcome(string Status, int Epochs, EpochMetrics? Last, MetricValues? Test, double Seconds, string Reason,
    string? Device = null, double? TestSeconds = null)
{
    public bool Succeeded => Status is RunStatus.Done;

    /// <summary>A recorded metric's final value: `test_` names from the test split, the others from the last epoch.</summary>
    public double? Value(string metric) =>
        metric.StartsWith(RecordedMetrics.TestPrefix, StringComparison.Ordinal)
            ? Test?.Get(RecordedMetrics.Bare(metric))
            : Last?.Get(metric);
}
