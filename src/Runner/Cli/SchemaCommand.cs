using System.CommandLine;
using Runner.Schema;
using Runner.Data;

namespace Runner.Cli;

/// <summary>`runner schema`: the JSON Schema of experiment files, for editors (docs/install-and-editors.md).</summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema",
            $"Print the JSON Schema (draft 2020-12) of experiment files; `runner schema > {ExperimentSchema.CommittedPath}` regenerates the committed copy");
        command.SetAction(_ =>
        {
            Console.Out.Write(ExperimentSchema.Text(RunnerRegistries.Models, RunnerRegistries.Datasets, Sweeps.Methods.SweepMethods.Sections));
            return ExitCodes.Ok;
        });
        return command;
    }
}
