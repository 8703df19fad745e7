using Runner.Config.Diagnostics;
using Runner.Planning;

namespace Runner.Cli;

/// <summary>Loads and validates an experiment for the commands that need one.</summary>
public static class Loading
{
    /// <summary>The built-in registries and every sweep method's `sweep:` section.</summary>
    public static LoaderOptions Options(int maxRuns) => LoaderOptions.BuiltIn(maxRuns) with { Sections = Sweeps.Methods.SweepMethods.Sections };

    /// <summary>The loaded experiment, or null after printing its errors.</summary>
    public static LoadedExperiment? Load(string file, IReadOnlyList<string> overrides, int maxRuns)
    {
        var result = ExperimentLoader.Load(file, overrides, Options(maxRuns));
        if (result.Experiment is not null && result.Errors.Count == 0) return result.Experiment;
        DiagnosticPrinter.Print([result], Console.Error);
        return null;
    }
}
