using System.Diagnostics;
using Runner.Data;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Results;
using Runner.Threading;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// Trains one planned run in its own folder: builds the model and optimizer from the registries,
/// resumes from the run's checkpoint if it has one, trains epoch by epoch (recording each epoch and
/// checkpointing after it), then evaluates on the test set and writes the run's final files.
/// </summary>
public sealed class RunExecutor(ComponentRegistries registries, IRunObserver observer, TorchThreads threads)
{
    /// <param name="retry">
    /// The run failed in an earlier invocation: a checkpoint that can't be read or loaded is set aside and
    /// the run starts from scratch, instead of failing again for the same reason.
    /// </param>
    public RunOutcome Execute(PlannedRun run, PreparedData data, IRunRecord folder, IPruner? pruner,
        int index, int total, CancellationToken cancel, bool retry = false)
    {
        Leftovers.RemoveTemporaryFiles(folder.Path);
        try
        {
            return Train(run, data, folder, pruner, index, total, cancel);
        }
        catch (Exception e) when (e is DamagedResultsFileException or CheckpointException { Damaged: true })
        {
            // What the run recorded can't be resumed from: train it again, from a clean start.
            observer.Message($"{run.Id}: {e.Message}; training the run again from epoch 1");
            new Checkpoint(folder.Path).Discard();
            folder.Epochs.Reset();
            return Train(run, data, folder, pruner, index, total, cancel);
        }
        catch (CheckpointException e) when (retry)
        {
            observer.Message($"{run.Id}: {e.Message}; setting it aside and starting the run from scratch");
            new Checkpoint(folder.Path).SetAside();
            return Train(run, data, folder, pruner, index, total, cancel);
        }
    }

    RunOutcome Train(PlannedRun run, PreparedData data, IRunRecord folder, IPruner? pruner,
        int index, int total, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var train = run.Experiment.Train;
        folder.WriteStart(run);

        using var built = new RunModel(run, registries);
        var (generators, loss, model, optimizer) = (built.Generators, built.Loss, built.Model, built.Optimizer);

        var checkpoint = new Checkpoint(folder.Path);
        checkpoint.RemoveStale();
        var metricsLog = folder.Epochs;
        var earlyStopping = train.EarlyStopping is { } es ? new EarlyStopping(es) : null;
        int firstEpoch = 1;
        double secondsBefore = 0;
        Checkpoint.StopDecision? stop = null;
        if (checkpoint.TryReadState() is { } state)
        {
            checkpoint.Restore(state, model, optimizer, generators);
            metricsLog.TruncateTo(state.Epoch);
            earlyStopping?.Restore(state.BestValue, state.BestEpoch, state.EpochsWithoutImprovement);
            firstEpoch = state.Epoch + 1;
            secondsBefore = metricsLog.Read().Sum(m => m.Seconds);
            stop = state.Stop;
        }
        else metricsLog.TruncateTo(0);

        threads.Apply(train.Threads);
        var trainer = new Trainer(model, optimizer, loss, built.Metrics, data.OneHot, data.Classes,
            train.BatchSize, train.Shuffle, generators.Shuffle);
        var evaluator = new Evaluator(loss, built.Metrics, data.OneHot, data.Classes, Evaluator.BatchSizeFor(run.ModelPlan));
        observer.RunStarted(run, index, total, firstEpoch, data.TrainCount);

        var history = metricsLog.Read().ToList();
        try
        {
            for (int epoch = firstEpoch; stop is null && epoch <= train.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                var fit = trainer.TrainEpoch(data.TrainX, data.TrainY, cancel, p =>
                {
                    threads.Recheck();
                    observer.Batch(run, epoch, p);
                });
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                var validation = data.ValidationX is { } vx && data.ValidationY is { } vy
                    ? evaluator.Evaluate(model, vx, vy).Values.Prefixed(RecordedMetrics.ValidationPrefix) : null;
                var metrics = new EpochMetrics(epoch, fit.Concat(validation),
                    optimizer.ParamGroups.First().LearningRate, trainSeconds, epochClock.Elapsed.TotalSeconds);
                metricsLog.Append(metrics);
                history.Add(metrics);
                observer.EpochEnded(run, metrics);

                if (earlyStopping is not null && metrics.Get(train.EarlyStopping!.Monitor) is { } monitored
                    && earlyStopping.Observe(epoch, monitored) && train.EarlyStopping.RestoreBest)
                    AtomicFile.WriteVia(folder.BestModel, path => model.save(path));

                // Decided before the checkpoint is written, and written with it: resumed after a crash at
                // any moment from here on, the run stops exactly where it would have.
                if (pruner?.Check(run, metrics) is { } pruneReason)
                    stop = new(RunStatus.Pruned, pruneReason);
                else if (earlyStopping is { ShouldStop: true } && epoch < train.Epochs)
                    stop = new(RunStatus.Done, $"early stopping after epoch {epoch}: {train.EarlyStopping!.Monitor} best at epoch {earlyStopping.BestEpoch}");
                checkpoint.Save(epoch, model, optimizer, generators,
                    earlyStopping?.Best, earlyStopping?.BestEpoch ?? 0, earlyStopping?.EpochsWithoutImprovement ?? 0, stop);
                TestHooks.AfterCheckpoint(run, epoch);
            }
        }
        catch (DivergedException e)
        {
            var outcome = new RunOutcome(RunStatus.Diverged, history.Count + 1, history.LastOrDefault(), null,
                secondsBefore + clock.Elapsed.TotalSeconds, $"epoch {history.Count + 1}: {e.Message}", built.Device);
            checkpoint.Delete();
            folder.WriteEnd(run, outcome, summary: null);
            return outcome;
        }

        if (train.EarlyStopping is { RestoreBest: true } && File.Exists(folder.BestModel)) model.load(folder.BestModel);
        observer.Evaluating(run, data.TestX.shape[0]);
        using var predictions = empty(data.TestX.shape[0], dtype: ScalarType.Int64);
        var test = evaluator.Evaluate(model, data.TestX, data.TestY, predictions);
        folder.WritePredictions(data.TestY, predictions);
        AtomicFile.WriteVia(folder.FinalModel, path => model.save(path));
        checkpoint.Delete();
        checkpoint.RemoveStale();

        var result = new RunOutcome(stop?.Status ?? RunStatus.Done, history.Count, history.LastOrDefault(), test.Values,
            secondsBefore + clock.Elapsed.TotalSeconds, stop?.Reason ?? "", built.Device, test.Seconds);
        folder.WriteEnd(run, result, summary: null);
        return result;
    }
}
