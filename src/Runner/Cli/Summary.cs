using Runner.Text;
using Runner.Results;
using System.Globalization;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Training;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>
/// The end of `runner run`: a table of every run of the plan that has ended (this invocation's and earlier ones'), then every run of the plan (or shard) that
/// is not done or pruned, whether it was trained now or skipped (failed before, held by another process,
/// not started), and the exit code: 0 only when every run of the plan is done or pruned, or, for a worker
/// of an adaptive sweep, held by another worker that is still training it. Last, the report's answer (best
/// configuration, verdicts, how a race ended) when a report was written, so the console ends with it.
/// </summary>
public static class Summary
{
    public static int Print(SweepResult result, ExperimentFolder folder, IRunObserver log, bool worker = false,
        IReadOnlyList<string>? answer = null)
    {
        // Every run of the plan that has ended, not only this invocation's: after a resume the table still shows the whole sweep.
        var trainedNow = result.Runs.Select(r => r.Run).ToHashSet();
        var ended = result.Plan.Where(p => p.Outcome is not null).Select(p => (p.Run, Outcome: p.Outcome!)).ToArray();
        if (ended.Length > 0)
        {
            // Accuracy on each split, and the metric the report compares when it is another one.
            var metrics = new List<string> { "accuracy", "val_accuracy", "test_accuracy" };
            if (ended[0].Run.Experiment.Report.Metric is var compared && !metrics.Contains(compared)) metrics.Add(compared);
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "run", "status", "epochs" }.Concat(metrics).Append("seconds"))
                table.AddColumn(new TableColumn(column) { NoWrap = true });
            foreach (var (run, outcome) in ended)
                table.AddRow([Markup.Escape(run.Id), outcome.Status + (trainedNow.Contains(run) ? "" : " (earlier)"),
                    outcome.Epochs.ToString(CultureInfo.InvariantCulture),
                    .. metrics.Select(m => F(outcome.Value(m))),
                    Numbers.Seconds(outcome.Seconds)]);
            AnsiConsole.Write(table);
        }
        var unfinished = result.Unfinished;
        var wall = Numbers.Seconds(result.WallSeconds);
        var counts = string.Join(", ", unfinished.GroupBy(u => u.HeldBy is null ? u.State : "running elsewhere").Select(g => $"{g.Count()} {g.Key}"));
        static string Runs(int n) => n == 1 ? "1 run" : $"{n} runs";
        log.Message($"{Runs(result.Runs.Count)} trained, {result.Skipped} already ended; of the {Runs(result.Plan.Count)} of the plan " +
                    (unfinished.Count == 0 ? "all are done or pruned" : $"{unfinished.Count} are not done or pruned ({counts})") +
                    $"; in {wall}s. Results: {folder.Path}");
        foreach (var entry in unfinished)
        {
            var reason = entry.Outcome is { Reason.Length: > 0 } o ? $": {o.Reason}" : "";
            var skippedNow = entry.HeldBy is null && result.Runs.All(r => r.Run != entry.Run) && entry.Outcome is not null ? " (ended so in an earlier invocation)" : "";
            log.Message($"  {entry.State}: {entry.Run.Id}{reason}{skippedNow}");
        }
        if (unfinished.Any(u => u.HeldBy is not null))
            log.Message(worker ? "  The runs held by other workers are theirs to finish; `runner status` follows them."
                : "  Runs held by another process were skipped; run the same command again once that process has ended to check them.");
        if (unfinished.Any(u => u.Outcome?.Status == RunStatus.Failed))
            log.Message($"  Fix the cause (see {folder.LogFile}) and run the same command again: failed runs are retried.");
        foreach (var line in answer ?? []) log.Message(line);
        return unfinished.All(u => worker && u.HeldBy is not null) ? ExitCodes.Ok : ExitCodes.RuntimeError;
    }

    /// <summary>
    /// Draws a small table like the summary's into nothing, on a pool thread, so the table code is compiled
    /// (tiered compilation is off: the first table took 0.2-1 s) while the report keeps the main thread busy
    /// and the other core is idle. Started as the last run ends; a failure only means the summary compiles it.
    /// </summary>
    public static Task WarmUp() => Task.Run(() =>
    {
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.Yes });
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "run", "status", "seconds" }) table.AddColumn(new TableColumn(column) { NoWrap = true });
            table.AddRow([Markup.Escape("optimizer=adam"), "done", Numbers.Seconds(1.5)]);
            console.Write(table);
        }
        catch (Exception) { /* only a warm-up */ }
    });

    static string F(double? value) => value is { } v ? Numbers.Metric(v) : "-";
}
