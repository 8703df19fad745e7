using System.CommandLine;
using Runner.Onnx;
using Runner.Prediction;

namespace Runner.Cli;

/// <summary>`runner export RUN_DIR --onnx FILE`: the trained model as an ONNX graph.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (results/NAME/runs/RUN), or an experiment's results folder (results/NAME): its best run by the report metric" };
        var onnx = new Option<string>("--onnx") { Description = $"Write the model as ONNX (opset {OnnxExporter.Opset}) to this file", Required = true, HelpName = "FILE" };
        var command = new Command("export", "Write a trained model as an ONNX graph (for ONNX Runtime, ML.NET, Python, C++, the browser)")
        {
            run, onnx, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            try
            {
                OutputFile.CheckName(parse.GetValue(onnx)!, "--onnx");
                using var model = TrainedModel.Load(parse.GetValue(run)!);
                if (model.Run.Note is { } note) Console.Error.WriteLine($"note: {note}");
                var file = parse.GetValue(onnx)!;
                OutputFile.Check(file, "--onnx", model.Run);
                OutputFile.Write(file, "--onnx", () => OnnxExporter.Write(model, file));
                Console.WriteLine($"{file}: ONNX opset {OnnxExporter.Opset}, input '{OnnxExporter.InputName}' [N, {string.Join(", ", model.Experiment.Model.Input.Dims)}], " +
                    $"{model.ClassNames.Count} classes, from run {model.Run.Folder}");
                return ExitCodes.Ok;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"runner export: {e.Message}");
                return ExitCodes.ConfigError;
            }
        });
        return command;
    }
}
