using System.Globalization;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Training;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>The end of `runner run`: a table of this invocation's runs, the failures, the exit code.</summary>
public static class Summary
{
    public static int Print(SweepResult result, ExperimentFolder folder, IRunObserver log)
    {
        if (result.Runs.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "run", "status", "epochs", "accuracy", "val_accuracy", "test_accuracy", "seconds" })
                table.AddColumn(new TableColumn(column));
            foreach (var (run, outcome) in result.Runs)
                table.AddRow(Markup.Escape(run.Id), outcome.Status, outcome.Epochs.ToString(CultureInfo.InvariantCulture),
                    F(outcome.Last?.Accuracy), F(outcome.Last?.ValAccuracy), F(outcome.Test?.Accuracy),
                    outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
        }
        var failures = result.Failures.ToList();
        var wall = result.WallSeconds.ToString("F1", CultureInfo.InvariantCulture);
        log.Message($"{result.Runs.Count} runs trained, {result.Skipped} already done, {failures.Count} failed, in {wall}s. Results: {folder.Path}");
        foreach (var (run, outcome) in failures)
            log.Message($"  {outcome.Status}: {run.Id}: {outcome.Reason} (see {folder.LogFile})");
        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.RuntimeError;
    }

    static string F(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
