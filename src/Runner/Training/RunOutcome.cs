using Runner.Recording;

namespace Runner.Training;

/// <summary>How one run ended. Status is one of <see cref="RunStatus"/>'s values.</summary>
public sealed record RunOutcome(string Status, int Epochs, EpochMetrics? Last, Evaluation? Test, double Seconds, string Reason)
{
    public bool Succeeded => Status is RunStatus.Done;
}
