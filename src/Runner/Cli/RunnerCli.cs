using System.CommandLine;
using System.CommandLine.Invocation;

namespace Runner.Cli;

/// <summary>The `runner` command line: one subcommand per file in this folder.</summary>
public static class RunnerCli
{
    const string Description = """
        Runner: declarative deep-learning experiments on TorchSharp.
        A YAML file describes the data, the layer stack, the training and a sweep; runner expands the
        sweep, trains every run on real data and writes per-epoch CSV metrics, charts and a report.

        Examples:
          runner run experiments/optimizers.yaml
          runner run experiments/optimizers.yaml --set train.epochs=1 --dry-run
          runner run experiments/optimizers.yaml --jobs auto
          runner submit experiments/optimizers.yaml --partition gpu --time 1:00:00
          runner status results/optimizers
          runner validate experiments/*.yaml
          runner list
          runner schema > experiments/runner.schema.json
          eval "$(runner completion bash)"
          runner report results/optimizers
          runner compare results/optimizers results/activations
          runner serve results
          runner predict results/optimizers shoe.png --top 3
          runner export results/optimizers --onnx model.onnx
        """;

    public static RootCommand Build()
    {
        var root = new RootCommand(Description)
        {
            RunCommand.Create(),
            SubmitCommand.Create(),
            StatusCommand.Create(),
            PlanCommand.Create(),
            ValidateCommand.Create(),
            ListCommand.Create(),
            SchemaCommand.Create(),
            CompletionCommand.Create(),
            ReportCommand.Create(),
            CompareCommand.Create(),
            ServeCommand.Create(),
            PredictCommand.Create(),
            ExportCommand.Create(),
        };
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new VersionAction();
        return root;
    }

    /// <summary>`runner --version`: Runner's version, then the TorchSharp backend and devices of this build.</summary>
    sealed class VersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(RunnerCli).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "?";
            Console.WriteLine($"runner {version.Split('+')[0]}");
            Console.WriteLine(Devices.TorchBackend.Current.Describe());
            return ExitCodes.Ok;
        }
    }

    const int UnwrappedWidth = 4096;

    /// <summary>Set by --verbose: error messages then carry their stack traces.</summary>
    public static bool Verbose { get; private set; }

    // No response files: `runner validate @/etc/shadow` would otherwise read that file into arguments
    // and echo its lines back in "unrecognized argument" errors.
    static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// Parses and runs one command. Every way out goes through here: a usage mistake is one line and
    /// exit 2, a problem of the world one line and exit 1, and nothing prints a stack trace without
    /// --verbose (System.CommandLine's own exception handler is off).
    /// </summary>
    public static int Invoke(string[] args)
    {
        Verbose = args.Contains("--verbose");
        // Through a pipe or into a log Spectre assumes 80 columns and wraps table cells (run ids, names);
        // there is no terminal to fit, so tables take the width their content needs.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = UnwrappedWidth;
        try
        {
            var parse = Build().Parse(args, Parsing);
            if (parse.Action is ParseErrorAction && parse.Errors.Count > 0) return UsageError(parse);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            var (code, message) = CliErrors.Describe(e);
            Console.Error.WriteLine($"runner: {message}");
            if (Verbose) Console.Error.WriteLine(e);
            return code;
        }
    }

    /// <summary>`runner run: Unrecognized command or argument '--fsat'. See `runner run --help`.`</summary>
    static int UsageError(ParseResult parse)
    {
        var command = string.Join(' ', parse.CommandResult.Command.Name is var name && parse.CommandResult.Parent is null
            ? ["runner"] : new[] { "runner", name });
        // "Required command was not provided" says less than the unrecognized word that comes with it.
        var error = parse.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
        var problem = error.Message.TrimEnd('.');
        Console.Error.WriteLine($"{command}: {problem}.{DidYouMean(parse)} See `{command} --help`.");
        return ExitCodes.ConfigError;
    }

    /// <summary>" Did you mean '--jobs'?" for an unknown option or command close to one of the command's own.</summary>
    static string DidYouMean(ParseResult parse)
    {
        if (parse.UnmatchedTokens.FirstOrDefault() is not { Length: > 0 } unknown) return "";
        var current = parse.CommandResult.Command;
        var known = unknown.StartsWith('-')
            ? current.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : current.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        return Runner.Models.Registries.NameSuggestion.Closest(unknown, known) is { } closest ? $" Did you mean '{closest}'?" : "";
    }
}
