using Runner.Recording;

namespace Runner.Training;

/// <summary>How one run ended. Status is one of <see cref="RunStatus"/>'s values; Device is where it
/// trained (what `train.device: auto` chose), null when it failed before training.</summary>
public sealed record RunOutcome(string Status, int Epochs, EpochMetrics? Last, Evaluation? Test, double Seconds, string Reason,
    string? Device = null)
{
    public bool Succeeded => Status is RunStatus.Done;
}
