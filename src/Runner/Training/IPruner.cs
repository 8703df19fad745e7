using Runner.Results;
using Runner.Planning;

namespace Runner.Training;

/// <summary>Sweep-level pruning: asked after each epoch whether a run is hopeless compared with the others.</summary>
public interface IPruner
{
    /// <summary>Null to go on, or the reason the run is pruned.</summary>
    string? Check(PlannedRun run, EpochMetrics metrics);
}
