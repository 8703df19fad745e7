using Runner.Text;
using System.Collections.Concurrent;
using System.Globalization;
using Runner.Planning;
using Runner.Results;
using Runner.Training;
using Spectre.Console;

namespace Runner.Progress;

/// <summary>
/// The live terminal display: a sweep bar (runs done of total, time left), one epoch bar per run in
/// training (batch progress, loss and accuracy so far), and a line per finished run above them.
/// The sweep bar moves with every batch (a run counts by the fraction it has trained), so the time left
/// is known from the first epoch on, not only after the first run ends.
/// </summary>
public sealed class LiveProgress : IRunObserver, IScreen
{
    readonly ConcurrentDictionary<string, ProgressTask> _runs = new();
    readonly ConcurrentDictionary<string, double> _trained = new();   // fraction of each run in training
    int _ended;
    ProgressContext? _context;
    ProgressTask? _sweep;
    int _total;

    public T Display<T>(int runsToTrain, Func<T> work)
    {
        _total = runsToTrain;
        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                _sweep = context.AddTask("[bold]sweep[/]", maxValue: Math.Max(1, runsToTrain));
                try { return work(); }
                finally { _sweep.StopTask(); }
            });
    }

    public void RunStarted(PlannedRun run, int index, int total, int firstEpoch, long trainSamples)
    {
        if (_context is null) return;
        var task = _context.AddTask(Escape(run.Id), maxValue: (double)trainSamples * run.Experiment.Train.Epochs);
        task.Value = (double)trainSamples * (firstEpoch - 1);
        _runs[run.DirectoryName] = task;
    }

    public void Batch(PlannedRun run, int epoch, BatchProgress p)
    {
        if (!_runs.TryGetValue(run.DirectoryName, out var task)) return;
        task.Value = (double)p.Total * (epoch - 1) + p.Seen;
        _trained[run.DirectoryName] = task.Value / task.MaxValue;
        UpdateSweep();
        var speed = task.Speed is { } samplesPerSecond ? $" {samplesPerSecond / run.Experiment.Train.BatchSize:F0} steps/s" : "";
        task.Description = $"{Escape(run.Id)} [grey]epoch {epoch}/{run.Experiment.Train.Epochs}{speed}" +
                           $" loss {F(p.Loss)} acc {F(p.Accuracy)}[/]";
    }

    public void EpochEnded(PlannedRun run, EpochMetrics m) { }

    public void RunEnded(PlannedRun run, RunOutcome outcome)
    {
        if (_runs.TryRemove(run.DirectoryName, out var task)) task.StopTask();
        _trained.TryRemove(run.DirectoryName, out _);
        Interlocked.Increment(ref _ended);
        UpdateSweep();
        // Every metric but the loss, on validation and test data: what a finished run is judged by.
        var judged = (outcome.Last?.Values ?? MetricValues.Empty).Where(v => v.Key.StartsWith(RecordedMetrics.ValidationPrefix, StringComparison.Ordinal))
            .Concat(outcome.Test?.Prefixed(RecordedMetrics.TestPrefix) ?? MetricValues.Empty)
            .Where(v => RecordedMetrics.Bare(v.Key) != Models.Metrics.MetricSet.Loss)
            .Select(v => $"{v.Key} {F(v.Value)}").ToList();
        var metrics = outcome.Test is null ? Escape(outcome.Reason) : string.Join("  ", judged);
        var colour = outcome.Succeeded ? "green" : outcome.Status == RunStatus.Pruned ? "yellow" : "red";
        AnsiConsole.MarkupLine($"[{colour}]{outcome.Status}[/] {Escape(run.Id)}  {metrics}  " +
                               $"[grey]{outcome.Seconds.ToString("F0", CultureInfo.InvariantCulture)}s[/]");
    }

    public void Evaluating(PlannedRun run, long testSamples)
    {
        if (_runs.TryGetValue(run.DirectoryName, out var task))
            task.Description = $"{Escape(run.Id)} [grey]evaluating on the test set ({testSamples:N0} samples)[/]";
    }

    public void Message(string text) => AnsiConsole.MarkupLine(Escape(text));

    void UpdateSweep()
    {
        if (_sweep is { } sweep) sweep.Value = Math.Min(sweep.MaxValue, Volatile.Read(ref _ended) + _trained.Values.Sum());
    }

    static string Escape(string text) => Markup.Escape(text);
    static string F(double v) => Numbers.Metric(v);
}

/// <summary>Where progress is shown; the live display needs to wrap the work it shows.</summary>
public interface IScreen : IRunObserver
{
    T Display<T>(int runsToTrain, Func<T> work);
}
