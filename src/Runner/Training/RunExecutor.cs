using System.Diagnostics;
using Runner.Data;
using Runner.Files;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Results;
using Runner.Threading;

namespace Runner.Training;

/// <summary>
/// Trains one planned run in its own folder: builds the model and optimizer from the registries,
/// resumes from the run's checkpoint if it has one, trains epoch by epoch (recording each epoch and
/// checkpointing after it), then evaluates on the test set and writes the run's final files
/// (<see cref="RunSession"/> does all but the loop).
/// </summary>
public sealed class RunExecutor(ComponentRegistries registries, IRunObserver observer, TorchThreads threads)
{
    /// <summary>The sweep's torch thread policy, which a fused array of runs follows too.</summary>
    public TorchThreads Threads => threads;

    /// <param name="retry">
    /// The run failed in an earlier invocation: a checkpoint that can't be read or loaded is set aside and
    /// the run starts from scratch, instead of failing again for the same reason.
    /// </param>
    public RunOutcome Execute(PlannedRun run, PreparedData data, IRunRecord folder, IPruner? pruner,
        int index, int total, CancellationToken cancel, bool retry = false)
    {
        using var session = Open(run, data, folder, pruner, retry);
        return Train(session, data, index, total, cancel);
    }

    /// <summary>
    /// The run's session, resumed from its checkpoint where it can be. What the run recorded and can't be
    /// resumed from is trained again from epoch 1; a checkpoint of an earlier failed run that can't be
    /// loaded is set aside.
    /// </summary>
    public RunSession Open(PlannedRun run, PreparedData data, IRunRecord folder, IPruner? pruner, bool retry)
    {
        Leftovers.RemoveTemporaryFiles(folder.Path);
        try
        {
            return new RunSession(run, data, folder, pruner, registries, observer);
        }
        catch (Exception e) when (e is DamagedResultsFileException or CheckpointException { Damaged: true })
        {
            observer.Message($"{run.Id}: {e.Message}; training the run again from epoch 1");
            new Checkpoint(folder.Path).Discard();
            folder.Epochs.Reset();
            return new RunSession(run, data, folder, pruner, registries, observer);
        }
        catch (CheckpointException e) when (retry)
        {
            observer.Message($"{run.Id}: {e.Message}; setting it aside and starting the run from scratch");
            new Checkpoint(folder.Path).SetAside();
            return new RunSession(run, data, folder, pruner, registries, observer);
        }
    }

    RunOutcome Train(RunSession session, PreparedData data, int index, int total, CancellationToken cancel)
    {
        var run = session.Run;
        var train = run.Experiment.Train;
        var built = session.Built;
        threads.Apply(train.Threads);
        var trainer = new Trainer(built.Model, built.Optimizer, built.Loss, built.Metrics, data.OneHot, data.Classes,
            train.BatchSize, train.Shuffle, built.Generators.Shuffle);
        observer.RunStarted(run, index, total, session.NextEpoch, data.TrainCount);
        try
        {
            while (session.WantsEpoch)
            {
                int epoch = session.NextEpoch;
                var epochClock = Stopwatch.StartNew();
                var fit = trainer.TrainEpoch(data.TrainX, data.TrainY, cancel, p =>
                {
                    threads.Recheck();
                    observer.Batch(run, epoch, p);
                });
                session.EndEpoch(fit, epochClock.Elapsed.TotalSeconds);
            }
        }
        catch (DivergedException e)
        {
            return session.Diverged(e);
        }
        return session.Finish();
    }
}
