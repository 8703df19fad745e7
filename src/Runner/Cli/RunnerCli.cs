using System.CommandLine;

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
          runner predict results/optimizers shoe.png --top 3
          runner export results/optimizers --onnx model.onnx
        """;

    public static RootCommand Build() => new(Description)
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
        PredictCommand.Create(),
        ExportCommand.Create(),
    };

    const int UnwrappedWidth = 4096;

    /// <summary>Set by --verbose: error messages then carry their stack traces.</summary>
    public static bool Verbose { get; private set; }

    public static int Invoke(string[] args)
    {
        var verbose = Verbose = args.Contains("--verbose");
        // Through a pipe or into a log Spectre assumes 80 columns and wraps table cells (run ids, names);
        // there is no terminal to fit, so tables take the width their content needs.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = UnwrappedWidth;
        try
        {
            return Build().Parse(args).Invoke();
        }
        catch (Exception e) when (!verbose)
        {
            // A bug, not a user mistake: say so plainly; --verbose shows the stack trace.
            Console.Error.WriteLine($"runner: internal error: {e.Message} (run again with --verbose for details)");
            return ExitCodes.RuntimeError;
        }
    }
}
