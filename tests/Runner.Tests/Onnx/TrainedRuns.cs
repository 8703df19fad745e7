using Runner.Cli;
using Runner.Planning;

namespace Runner.Tests.Onnx;

/// <summary>Briefly trained runs of real experiments, made through the real loader and sweep runner in-process.</summary>
internal static class TrainedRuns
{
    /// <summary>
    /// The first run of an experiment file, on a slice of its data for one epoch (the full training
    /// is minutes to hours): its resolved config with <paramref name="overrides"/>, trained as a
    /// one-run experiment. Returns the experiment's results folder.
    /// </summary>
    public static string TrainFirstRun(SweepHarness harness, string experimentFile, params string[] overrides)
    {
        var loaded = ExperimentLoader.Load(experimentFile, overrides, Loading.Options(1000));
        Assert.True(loaded.Errors.Count == 0, string.Join("\n", loaded.Errors));
        var experiment = harness.Load(loaded.Experiment!.Runs[0].ResolvedYaml, Path.GetFileNameWithoutExtension(experimentFile));
        var result = harness.Run(experiment);
        Assert.True(!result.Failures.Any(), harness.Log.ToString());
        return Path.Combine(harness.Results, experiment.Name);
    }

    public static readonly string[] Brief = ["data.train_limit=1000", "data.test_limit=300", "train.epochs=3"];
}
