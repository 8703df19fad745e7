using System.CommandLine;

namespace Runner.Cli;

/// <summary>Options several commands share, defined once so their names and help agree.</summary>
public static class CommonOptions
{
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a value before the sweep expands, as a dotted path: --set train.epochs=1 (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string> Results() => new("--results")
    {
        Description = "Folder that holds one sub-folder per experiment",
        DefaultValueFactory = _ => "results",
    };

    public static Option<int> MaxRuns() => new("--max-runs")
    {
        Description = "Refuse sweeps with more runs than this (guards against a typo launching millions)",
        DefaultValueFactory = _ => 1000,
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show stack traces for errors",
    };

    public static Argument<string> ExperimentFile() => new("file")
    {
        Description = "The experiment YAML file",
    };
}
