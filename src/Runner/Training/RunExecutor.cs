using System.Diagnostics;
using Runner.Data;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
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
    public RunOutcome Execute(PlannedRun run, PreparedData data, RunFolder folder, IPruner? pruner,
        int index, int total, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var train = run.Experiment.Train;
        folder.WriteStart(run);

        using var built = new RunModel(run, registries);
        var (generators, loss, model, optimizer) = (built.Generators, built.Loss, built.Model, built.Optimizer);

        var checkpoint = new Checkpoint(folder.Path);
        var metricsLog = new MetricsLog(folder.MetricsCsv);
        var earlyStopping = train.EarlyStopping is { } es ? new EarlyStopping(es) : null;
        int firstEpoch = 1;
        double secondsBefore = 0;
        if (checkpoint.TryReadState() is { } state)
        {
            checkpoint.Restore(state, model, optimizer, generators);
            metricsLog.TruncateTo(state.Epoch);
            earlyStopping?.Restore(state.BestValue, state.BestEpoch, state.EpochsWithoutImprovement);
            firstEpoch = state.Epoch + 1;
            secondsBefore = metricsLog.Read().Sum(m => m.Seconds);
        }
        else metricsLog.TruncateTo(0);

        threads.Apply(train.Threads);
        var trainer = new Trainer(model, optimizer, loss, data.OneHot, data.Classes,
            train.BatchSize, train.Shuffle, generators.Shuffle);
        var evaluator = new Evaluator(loss, data.OneHot, data.Classes, Evaluator.BatchSizeFor(run.ModelPlan));
        observer.RunStarted(run, index, total, firstEpoch, data.TrainCount);

        string status = RunStatus.Done, reason = "";
        var history = metricsLog.Read().ToList();
        try
        {
            for (int epoch = firstEpoch; epoch <= train.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                var fit = trainer.TrainEpoch(data.TrainX, data.TrainY, cancel, p =>
                {
                    threads.Recheck();
                    observer.Batch(run, epoch, p);
                });
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                Evaluation? validation = data.ValidationX is { } vx && data.ValidationY is { } vy
                    ? evaluator.Evaluate(model, vx, vy) : null;
                var metrics = new EpochMetrics(epoch, fit.Loss, fit.Accuracy, validation?.Loss, validation?.Accuracy,
                    optimizer.ParamGroups.First().LearningRate, trainSeconds, epochClock.Elapsed.TotalSeconds);
                metricsLog.Append(metrics);
                history.Add(metrics);
                observer.EpochEnded(run, metrics);

                if (earlyStopping is not null && metrics.Get(train.EarlyStopping!.Monitor) is { } monitored
                    && earlyStopping.Observe(epoch, monitored) && train.EarlyStopping.RestoreBest)
                    AtomicFile.WriteVia(folder.BestModel, path => model.save(path));
                checkpoint.Save(epoch, model, optimizer, generators,
                    earlyStopping?.Best, earlyStopping?.BestEpoch ?? 0, earlyStopping?.EpochsWithoutImprovement ?? 0);

                if (pruner?.Check(run, metrics) is { } pruneReason)
                {
                    status = RunStatus.Pruned; reason = pruneReason;
                    break;
                }
                if (earlyStopping is { ShouldStop: true } && epoch < train.Epochs)
                {
                    reason = $"early stopping after epoch {epoch}: {train.EarlyStopping!.Monitor} best at epoch {earlyStopping.BestEpoch}";
                    break;
                }
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
        using var predictions = empty(data.TestX.shape[0], dtype: ScalarType.Int64);
        var test = evaluator.Evaluate(model, data.TestX, data.TestY, predictions);
        folder.WritePredictions(data.TestY, predictions);
        AtomicFile.WriteVia(folder.FinalModel, path => model.save(path));
        checkpoint.Delete();

        var result = new RunOutcome(status, history.Count, history.LastOrDefault(), test,
            secondsBefore + clock.Elapsed.TotalSeconds, reason, built.Device);
        folder.WriteEnd(run, result, summary: null);
        return result;
    }
}
