using Runner.Config;
using Runner.Data;
using Runner.Planning;
using Runner.Results;

namespace Runner.Reporting.Results;

/// <summary>
/// A run's resolved config.yaml, read back through the loader `runner run` uses: the report and
/// `runner status` see exactly the experiment the run trained (its dataset with typed arguments, its
/// epochs), with no second parser of the config's shapes.
/// </summary>
public static class RunConfig
{
    static readonly Lazy<LoaderOptions> Options = new(() => LoaderOptions.BuiltIn(maxRuns: 1));

    /// <param name="configDirectory">Where relative paths of the experiment file resolve from (its folder).</param>
    /// <param name="configPath">The run's config.yaml, named in the problem with the line and column (a run folder's
    /// name when null).</param>
    /// <returns>The run's experiment, or null with the reason when the text is missing or no longer loads
    /// (a dataset file moved, a setting this version refuses).</returns>
    public static (Experiment? Experiment, string? Problem) Read(string? configYaml, string configDirectory, string? configPath = null)
    {
        if (configYaml is null) return (null, $"no {ResultsLayout.ConfigFile}");
        var result = ExperimentLoader.LoadText(configYaml, configPath ?? ResultsLayout.ConfigFile, [], Options.Value, configDirectory);
        return result.Experiment is { Runs: [var run] }
            ? (run.Experiment, null)
            : (null, result.Errors.Count > 0 ? result.Errors[0].ToString() : "it does not describe one run");
    }
}
