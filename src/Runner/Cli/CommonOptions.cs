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

    public static Option<int> MaxRuns()
    {
        var option = new Option<int>("--max-runs")
        {
            Description = "Refuse sweeps with more runs than this (guards against a typo launching millions)",
            DefaultValueFactory = _ => 1000,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[0].Value, out int value) && value < 1)
                result.AddError($"--max-runs takes a number >= 1; got {result.Tokens[0].Value}");
        });
        return option;
    }

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show stack traces for errors",
    };

    public static Argument<string> ExperimentFile()
    {
        var argument = new Argument<string>("file") { Description = "The experiment YAML file" };
        RefuseOptionLookalikes(argument);
        return argument;
    }

    /// <summary>An unknown option (`--fsat`) would otherwise be taken for a file name and reported as a missing file.</summary>
    public static void RefuseOptionLookalikes<T>(Argument<T> argument) => argument.Validators.Add(result =>
    {
        foreach (var token in result.Tokens)
            if (token.Value.StartsWith('-') && token.Value.Length > 1 && !File.Exists(token.Value))
                result.AddError($"Unrecognized option '{token.Value}'");
    });
}
