using Runner.Results;
using Runner.Cli;
using Runner.Data;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Training;

namespace Runner.Tests;

/// <summary>Runs an experiment written inline through the real loader and sweep runner, in-process.</summary>
public sealed class SweepHarness : IDisposable
{
    readonly TempFolder _dir = new();
    public string Results => Path.Combine(_dir.Path, "results");
    public StringWriter Log { get; } = new();

    public LoadedExperiment Load(string yaml, string name = "experiment")
    {
        var file = _dir[name + ".yaml"];
        File.WriteAllText(file, yaml);
        var result = ExperimentLoader.Load(file, [], Loading.Options(1000));
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        return result.Experiment!;
    }

    public SweepResult Run(LoadedExperiment experiment, int jobs = 1, IRunObserver? extra = null, CancellationToken cancel = default,
        Shard? shard = null, bool fresh = false)
    {
        var progress = new PlainProgress(Log);
        IRunObserver observer = extra is null ? progress : new CompositeObserver(progress, extra);
        var context = new DataContext(_dir.Path, observer.Message);
        using var data = new PreparedDataCache(RunnerRegistries.LoadedDatasets, context);
        return new SweepRunner(RunnerRegistries.Models, data, observer)
            .Run(experiment, new SweepOptions(Results, jobs, shard, Fresh: fresh), cancel);
    }

    public ExperimentFolder Folder(LoadedExperiment experiment) => new(Path.Combine(Results, experiment.Name));

    public IReadOnlyList<EpochMetrics> Metrics(LoadedExperiment experiment, int run = 0) =>
        new MetricsLog(Folder(experiment).Run(experiment.Runs[run]).MetricsCsv).Read();

    public void Dispose() => _dir.Dispose();
}

/// <summary>Cancels the sweep when a given epoch of any run has ended: an in-process stand-in for Ctrl-C.</summary>
public sealed class CancelAfterEpoch(int epoch, CancellationTokenSource source) : IRunObserver
{
    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples) { }
    public void Batch(PlannedRun run, int e, BatchProgress progress) { }
    public void EpochEnded(PlannedRun run, EpochMetrics metrics)
    {
        if (metrics.Epoch == epoch) source.Cancel();
    }
    public void RunEnded(PlannedRun run, RunOutcome outcome) { }
    public void Message(string text) { }
}
