using Runner.Results;
using Runner.Config;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Pruning;
using Runner.Training;

namespace Runner.Sweeps;

/// <summary>
/// Stops hopeless runs at their rungs, judged by the configured method (<see cref="PruningRules"/>)
/// against the other runs of the sweep that reached the same rung.
/// The others' values are read from their metrics.csv at each decision, not once at the start, so runs
/// trained by other threads, earlier invocations, other processes or other nodes (Slurm array tasks)
/// all count as soon as they have written the rung's row. Every verdict at a rung is journaled
/// (<see cref="DecisionJournal"/>) before it takes effect, so a run resumed after a kill gets the same one.
/// </summary>
public sealed class Pruner(PruningSpec spec, ExperimentFolder folder, IReadOnlyList<PlannedRun> plan, DecisionJournal? journal = null) : IPruner
{
    readonly IPruningRule _rule = PruningRules.For(spec, plan.FirstOrDefault()?.Experiment.Train.Epochs ?? 1);

    public string? Check(PlannedRun run, EpochMetrics metrics)
    {
        int index = IndexOf(run);
        if (!_rule.IsRung(index, metrics.Epoch) || metrics.Get(spec.Monitor) is not { } value) return null;
        var decisions = journal is null
            ? Decide(run, index, metrics.Epoch, value)
            : journal.Decide($"prune {run.DirectoryName} at epoch {metrics.Epoch}", () => Decide(run, index, metrics.Epoch, value));
        return decisions.FirstOrDefault(d => d.Kind == Decision.Prune)?.Reason;
    }

    IReadOnlyList<Decision> Decide(PlannedRun run, int index, int epoch, double value)
    {
        var reason = _rule.Judge(value, OthersAt(run, index, epoch), epoch);
        return [reason is null
            ? new Decision(Decision.Promote, run.DirectoryName, $"{spec.Monitor} {Rungs.F(value)} at epoch {epoch} goes on", value)
            : new Decision(Decision.Prune, run.DirectoryName, reason, value)];
    }

    int IndexOf(PlannedRun run)
    {
        for (int i = 0; i < plan.Count; i++) if (plan[i].DirectoryName == run.DirectoryName) return i;
        return 0;
    }

    /// <summary>The monitored value at <paramref name="epoch"/> of every other competing run of the plan that has reached it.</summary>
    List<double> OthersAt(PlannedRun run, int index, int epoch) =>
        plan.Select((other, i) => (other, i))
            .Where(o => o.other.DirectoryName != run.DirectoryName && _rule.Competes(index, o.i))
            .Select(o => new MetricsLog(folder.Run(o.other).MetricsCsv).Read().FirstOrDefault(m => m.Epoch == epoch)?.Get(spec.Monitor))
            .OfType<double>()
            .ToList();
}
