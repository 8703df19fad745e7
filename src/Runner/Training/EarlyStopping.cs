using Runner.Config;

namespace Runner.Training;

/// <summary>
/// Keras's EarlyStopping: stop when the monitored metric has not improved by more than min_delta for
/// `patience` epochs. The state lives in the checkpoint so a resumed run stops where it would have.
/// </summary>
public sealed class EarlyStopping(EarlyStoppingSpec spec)
{
    public double? Best { get; private set; }
    public int BestEpoch { get; private set; }
    public int EpochsWithoutImprovement { get; private set; }

    public void Restore(double? best, int bestEpoch, int epochsWithoutImprovement)
    {
        Best = best; BestEpoch = bestEpoch; EpochsWithoutImprovement = epochsWithoutImprovement;
    }

    /// <summary>Records an epoch; true when it is a new best.</summary>
    public bool Observe(int epoch, double value)
    {
        bool improved = Best is not { } best ||
            (spec.Maximize ? value > best + spec.MinDelta : value < best - spec.MinDelta);
        if (improved)
        {
            Best = value; BestEpoch = epoch; EpochsWithoutImprovement = 0;
        }
        else EpochsWithoutImprovement++;
        return improved;
    }

    public bool ShouldStop => EpochsWithoutImprovement >= spec.Patience;
}
