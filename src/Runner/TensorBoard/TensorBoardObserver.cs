using System.Collections.Concurrent;
using Runner.Planning;
using Runner.Recording;
using Runner.Results;
using Runner.Training;

namespace Runner.TensorBoard;

/// <summary>
/// `tensorboard: true`: every run of the sweep gets its TensorBoard log, fed from the same progress
/// events as the screen and the sweep log (so training knows nothing of TensorBoard).
/// </summary>
public sealed class TensorBoardObserver(LoadedExperiment experiment, ExperimentFolder folder) : IRunObserver
{
    readonly TensorBoardExperiment _experiment = new(experiment.Name,
        experiment.AxisNames.Where(axis => axis != SeedAxis.Name).Select(axis => HParamOf(experiment, axis)).ToArray(),
        RecordedColumns(experiment).Select(MetricTag.For).ToArray());
    readonly ConcurrentDictionary<string, RunTensorBoardLog> _logs = new();

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        if (!run.Experiment.TensorBoard) return;
        var log = RunTensorBoardLog.Open(folder.Run(run).Path, _experiment, run.AxisValues);
        if (firstEpoch == 1) log.LogText("config", $"```yaml\n{run.ResolvedYaml}\n```");
        _logs[run.DirectoryName] = log;
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress progress) { }

    public void EpochEnded(PlannedRun run, EpochMetrics m)
    {
        if (!_logs.TryGetValue(run.DirectoryName, out var log)) return;
        var values = m.Values.ToDictionary();
        values[MetricsColumns.LearningRate] = m.LearningRate;
        log.LogEpoch(m.Epoch, values);
    }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        if (!_logs.TryRemove(run.DirectoryName, out var log)) return;
        var final = (outcome.Test?.Prefixed(RecordedMetrics.TestPrefix) ?? MetricValues.Empty).ToDictionary();
        log.End(outcome.Status, outcome.Epochs, final, outcome.Reason);
        log.Dispose();
    }

    public void Message(string text) { }

    /// <summary>An axis a sweep method samples (a TPE search's) spans its declared interval, its choices all
    /// listed; any other axis takes exactly the values of the planned runs.</summary>
    static HParamAxis HParamOf(LoadedExperiment experiment, string axis)
    {
        var distribution = experiment.Method?.Distribution(axis);
        return distribution?.Dimension switch
        {
            NumberDimension n => HParamAxis.Between(axis,
                Math.Min(n.Low, AxisDistribution.Rounded(n.Low)), Math.Max(n.High, AxisDistribution.Rounded(n.High))),
            ChoiceDimension c => HParamAxis.Of(axis, Enumerable.Range(0, c.Count).Select(i => CompactText.Of(distribution.Value(i))).ToList()),
            _ => HParamAxis.Of(axis, experiment.Runs.Select(r => r.AxisValues.First(a => a.Key == axis).Value).Distinct().ToList()),
        };
    }

    /// <summary>Every metric the runs record, on the training, validation and test data: what the HParams tab compares.</summary>
    static IReadOnlyList<string> RecordedColumns(LoadedExperiment experiment)
    {
        var names = Models.Metrics.MetricSet.RecordedNames(experiment.Runs.FirstOrDefault()?.Experiment.Train.Metrics.Select(m => m.Name) ?? []);
        return [.. names, .. names.Select(RecordedMetrics.Validation), .. names.Select(RecordedMetrics.Test)];
    }
}
