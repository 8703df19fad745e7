using System.CommandLine;
using Runner.Planning;

namespace Runner.Cli;

/// <summary>`runner validate FILE...`: every error in every file, before anything is trained.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Experiment files to check", Arity = ArgumentArity.OneOrMore };
        CommonOptions.RefuseOptionLookalikes(files);
        var maxRuns = CommonOptions.MaxRuns();
        var command = new Command("validate", "Check experiment files: YAML, names, values, shapes and sweeps, without training")
        {
            files, maxRuns, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            var failed = new List<LoadResult>();
            foreach (var file in parse.GetValue(files)!)
            {
                var result = ExperimentLoader.Load(file, [], Loading.Options(parse.GetValue(maxRuns)));
                if (result.Errors.Count > 0) failed.Add(result);
                if (result.Experiment is { } e)
                    Console.WriteLine($"{file}: ok ({e.Runs.Count} run{(e.Runs.Count == 1 ? "" : "s")}, " +
                                      $"{e.Runs[0].ModelPlan.TotalParameters:N0} parameters in the first)");
            }
            return failed.Count == 0 ? ExitCodes.Ok : DiagnosticPrinter.Print(failed, Console.Error);
        });
        return command;
    }
}
