using System.Diagnostics;
using Runner.Data;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Results;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// One run's life around its training loop, whoever drives the loop (<see cref="RunExecutor"/> alone, or
/// a fused array of same-shape runs): it builds the model and optimizer from the registries, resumes from
/// the run's checkpoint if it has one, records each epoch (validation, metrics.csv, early stopping,
/// pruning, checkpoint) and writes the run's final files (test predictions, model.bin, result.json).
/// What only makes records durable (flushing metrics.csv, putting a written checkpoint in force) goes to
/// the run's <see cref="DiskQueue"/>, in order, and is done before the run ends or its lock is released;
/// a kill before then resumes from the checkpoint in force, which is exact.
/// </summary>
public sealed class RunSession : IDisposable
{
    readonly IRunRecord _folder;
    readonly PreparedData _data;
    readonly IPruner? _pruner;
    readonly IRunObserver _observer;
    readonly Checkpoint _checkpoint;
    readonly EarlyStopping? _earlyStopping;
    readonly List<EpochMetrics> _history;
    readonly double _secondsBefore;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly DiskQueue _disk = new();
    Checkpoint.StopDecision? _stop;

    public PlannedRun Run { get; }
    public RunModel Built { get; }
    public Evaluator Evaluator { get; }

    /// <summary>The next epoch to train (1 for a fresh run, one past its checkpoint for a resumed one).</summary>
    public int NextEpoch { get; private set; } = 1;

    /// <summary>Set when the run trained fused: every run of its array, itself included, for result.json.</summary>
    public IReadOnlyList<string>? FusedWith { get; set; }

    /// <summary>False once the run has trained its epochs, or early stopping or pruning ended it.</summary>
    public bool WantsEpoch => _stop is null && NextEpoch <= Run.Experiment.Train.Epochs;

    /// <summary>Epochs recorded so far: a diverged run's failing epoch is the one after them.</summary>
    public int RecordedEpochs => _history.Count;

    public RunSession(PlannedRun run, PreparedData data, IRunRecord folder, IPruner? pruner,
        ComponentRegistries registries, IRunObserver observer)
    {
        (Run, _data, _folder, _pruner, _observer) = (run, data, folder, pruner, observer);
        var train = run.Experiment.Train;
        _disk.Add(() => folder.WriteStart(run));
        Built = new RunModel(run, registries);
        try
        {
            _checkpoint = new Checkpoint(folder.Path);
            _checkpoint.RemoveStale();
            _earlyStopping = train.EarlyStopping is { } es ? new EarlyStopping(es) : null;
            var metricsLog = folder.Epochs;
            if (_checkpoint.TryReadState() is { } state)
            {
                _checkpoint.Restore(state, Built.Model, Built.Optimizer, Built.Generators);
                metricsLog.TruncateTo(state.Epoch);
                _earlyStopping?.Restore(state.BestValue, state.BestEpoch, state.EpochsWithoutImprovement);
                NextEpoch = state.Epoch + 1;
                _secondsBefore = metricsLog.Read().Sum(m => m.Seconds);
                _stop = state.Stop;
            }
            else metricsLog.TruncateTo(0);
            _history = metricsLog.Read().ToList();
            Evaluator = new Evaluator(Built.Loss, Built.Metrics, data.OneHot, data.Classes, Evaluator.BatchSizeFor(run.ModelPlan));
        }
        catch
        {
            _disk.Settle();
            Built.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Records the epoch just trained (its training metrics and time): validation, metrics.csv, early
    /// stopping, pruning, then the checkpoint.
    /// </summary>
    /// <param name="validated">The validation split's metrics (bare names) and time when the caller evaluated
    /// them already (a fused array evaluates all its runs at once); null to evaluate the run's model here.</param>
    public void EndEpoch(MetricValues fit, double trainSeconds, Evaluation? validated = null)
    {
        var validationClock = Stopwatch.StartNew();
        int epoch = NextEpoch;
        var train = Run.Experiment.Train;
        var model = Built.Model;
        var evaluation = validated ?? (_data.ValidationX is { } vx && _data.ValidationY is { } vy ? Evaluator.Evaluate(model, vx, vy) : null);
        var validation = evaluation?.Values.Prefixed(RecordedMetrics.ValidationPrefix);
        double validationSeconds = validated?.Seconds ?? validationClock.Elapsed.TotalSeconds;
        var metrics = new EpochMetrics(epoch, fit.Concat(validation),
            Built.Optimizer.ParamGroups.First().LearningRate, trainSeconds, trainSeconds + validationSeconds);
        // Written now (a pruner reads the other runs' rows), made durable behind training.
        var log = _folder.Epochs;
        log.Append(metrics, flush: false);
        _disk.Add(log.Flush);
        _history.Add(metrics);
        _observer.EpochEnded(Run, metrics);

        if (_earlyStopping is not null && metrics.Get(train.EarlyStopping!.Monitor) is { } monitored
            && _earlyStopping.Observe(epoch, monitored) && train.EarlyStopping.RestoreBest)
            AtomicFile.WriteVia(_folder.BestModel, path => model.save(path));

        // Decided before the checkpoint is written, and written with it: resumed after a crash at
        // any moment from here on, the run stops exactly where it would have.
        if (_pruner?.Check(Run, metrics) is { } pruneReason)
            _stop = new(RunStatus.Pruned, pruneReason);
        else if (_earlyStopping is { ShouldStop: true } && epoch < train.Epochs)
            _stop = new(RunStatus.Done, $"early stopping after epoch {epoch}: {train.EarlyStopping!.Monitor} best at epoch {_earlyStopping.BestEpoch}");
        // The weights, optimizer state and random streams are taken now; the pointer that puts them in force
        // is written behind training (the next epoch writes into a folder of its own).
        var checkpoint = _checkpoint.Write(epoch, Built.Model, Built.Optimizer, Built.Generators,
            _earlyStopping?.Best, _earlyStopping?.BestEpoch ?? 0, _earlyStopping?.EpochsWithoutImprovement ?? 0, _stop);
        _disk.Add(() => _checkpoint.Commit(checkpoint));
        NextEpoch = epoch + 1;
        TestHooks.AfterCheckpoint(Run, epoch);
    }

    /// <summary>Ends the run as diverged in the epoch after the recorded ones: no test, no model.bin, no checkpoint.</summary>
    public RunOutcome Diverged(DivergedException e)
    {
        _disk.Drain();
        var outcome = new RunOutcome(RunStatus.Diverged, _history.Count + 1, _history.LastOrDefault(), null,
            Seconds(0), $"epoch {_history.Count + 1}: {e.Message}", Built.Device)
            { FusedWith = FusedWith };
        _checkpoint.Delete();
        _folder.WriteEnd(Run, outcome, summary: null);
        return outcome;
    }

    /// <summary>Evaluates on the test split and writes the run's final files.</summary>
    public RunOutcome Finish()
    {
        PrepareFinal();
        using var predictions = empty(_data.TestX.shape[0], dtype: ScalarType.Int64);
        var test = Evaluator.Evaluate(Built.Model, _data.TestX, _data.TestY, predictions);
        return Finish(test, predictions);
    }

    /// <summary>
    /// Before the test: every epoch's record on disk, the best epoch's weights back where early stopping
    /// restores them, and the observer told.
    /// </summary>
    public void PrepareFinal()
    {
        _disk.Drain();
        if (Run.Experiment.Train.EarlyStopping is { RestoreBest: true } && File.Exists(_folder.BestModel)) Built.Model.load(_folder.BestModel);
        _observer.Evaluating(Run, _data.TestX.shape[0]);
    }

    /// <summary>Writes the run's final files from its test (evaluated here, or with its fused array); after <see cref="PrepareFinal"/>.</summary>
    public RunOutcome Finish(Evaluation test, Tensor predictions)
    {
        var model = Built.Model;
        _folder.WritePredictions(_data.TestY, predictions);
        AtomicFile.WriteVia(_folder.FinalModel, path => model.save(path));
        _checkpoint.Delete();
        _checkpoint.RemoveStale();

        var result = new RunOutcome(_stop?.Status ?? RunStatus.Done, _history.Count, _history.LastOrDefault(), test.Values,
            Seconds(test.Seconds), _stop?.Reason ?? "", Built.Device, test.Seconds) { FusedWith = FusedWith };
        _folder.WriteEnd(Run, result, summary: null);
        return result;
    }

    /// <summary>
    /// The run's time: a run trained alone counts this invocation's wall time; a fused one its share of
    /// the array's epochs (what metrics.csv records) and its own test pass, so a sweep's runs still add up
    /// to its wall time.
    /// </summary>
    double Seconds(double testSeconds) => FusedWith is null
        ? _secondsBefore + _clock.Elapsed.TotalSeconds
        : _history.Sum(m => m.Seconds) + testSeconds;

    /// <summary>Waits for the run's queued disk work without throwing: for a run that fails for another reason.</summary>
    public void Settle() => _disk.Settle();

    public void Dispose()
    {
        _disk.Settle();
        Built.Dispose();
    }
}
