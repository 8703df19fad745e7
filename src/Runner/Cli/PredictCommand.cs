using System.CommandLine;
using System.Globalization;
using Runner.Data;
using Runner.Prediction;

namespace Runner.Cli;

/// <summary>`runner predict RUN_DIR INPUT...`: classify images, idx or csv files (or the run's own test set) with a trained run.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (results/NAME/runs/RUN), or an experiment's results folder (results/NAME): its best run by the report metric" };
        var inputs = new Argument<string[]>("inputs") { Description = "PNG or JPEG images, idx image files (raw or .gz), csv files in the csv dataset's layout", Arity = ArgumentArity.ZeroOrMore };
        var test = new Option<bool>("--test") { Description = "Predict the experiment's own test set (as training evaluated it) and report the accuracy" };
        var invert = new Option<InvertMode>("--invert")
        {
            Description = "Invert images to light ink on a dark background (MNIST's polarity): auto inverts an image whose border is mostly light; idx and csv rows only with yes",
            DefaultValueFactory = _ => InvertMode.Auto,
            HelpName = "auto|yes|no",
        };
        var top = new Option<int>("--top") { Description = "Show the K most likely classes", DefaultValueFactory = _ => 1, HelpName = "K" };
        var output = new Option<string?>("--output") { Description = "Write every prediction to this CSV file instead of printing them", HelpName = "FILE" };
        var command = new Command("predict", "Classify images, idx or csv rows with a trained model")
        {
            run, inputs, test, invert, top, output, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(inputs) ?? [];
            bool useTest = parse.GetValue(test);
            int k = parse.GetValue(top);
            if ((files.Length > 0) == useTest) return Usage("give input files, or --test for the experiment's own test set (not both)");
            if (k < 1) return Usage($"--top {k}: give 1 or more");
            try
            {
                if (parse.GetValue(output) is { } named) OutputFile.CheckName(named, "--output");
                using var model = TrainedModel.Load(parse.GetValue(run)!);
                if (model.Run.Note is { } note) Console.Error.WriteLine($"note: {note}");
                if (parse.GetValue(output) is { } target) OutputFile.Check(target, "--output", model.Run);
                k = Math.Min(k, model.ClassNames.Count);
                using var batch = useTest ? model.TestSet(Console.Error.WriteLine) : model.ReadInputs(files, parse.GetValue(invert));
                var predictions = model.Predict(batch, k);
                Console.Error.WriteLine($"run: {model.Run.Folder}");
                if (parse.GetValue(output) is { } csv)
                {
                    OutputFile.Write(csv, "--output", () => PredictionCsv.Write(csv, predictions, k));
                    Console.Error.WriteLine($"{predictions.Count} predictions written to {csv}");
                }
                else if (!useTest)
                    foreach (var p in predictions) Console.WriteLine(Line(p, model.OutputsProbabilities));
                if (useTest)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"test set: {predictions.Count} samples, accuracy {predictions.Count(p => p.Label == p.Best.Class) / (double)predictions.Count:0.0000}"));
                return ExitCodes.Ok;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"runner predict: {e.Message}");
                return ExitCodes.ConfigError;
            }
            catch (Exception e) when (e is DatasetUnavailableException or DataFileException && !RunnerCli.Verbose)
            {
                Console.Error.WriteLine($"runner predict: {e.Message}");
                return ExitCodes.RuntimeError;
            }
        });
        return command;
    }

    static int Usage(string message)
    {
        Console.Error.WriteLine($"runner predict: {message}; see runner predict --help");
        return ExitCodes.ConfigError;
    }

    /// <summary>`shoe.png: 7 Sneaker 0.9731 | 5 Sandal 0.0212`; the name is left out where it is the number.</summary>
    static string Line(InputPrediction p, bool probabilities) =>
        p.Input + (p.Inverted ? " (inverted)" : "") + ": " + string.Join(" | ", p.Top.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Class}{(s.Name == s.Class.ToString(CultureInfo.InvariantCulture) ? "" : " " + s.Name)} {s.Probability:0.0000}")))
        + (probabilities ? "" : " (scores, not probabilities)");
}
