using Runner.Config.Binding;
using Runner.Planning;
using Runner.Threading;

namespace Runner.Cli;

/// <summary>`--jobs auto` (the default) for an experiment on this machine as loaded now: <see cref="JobsPolicy"/> applied.</summary>
public static class AutoJobs
{
    public static JobsChoice For(LoadedExperiment experiment, int runsToTrain)
    {
        var runs = experiment.Runs;
        if (runs.Select(r => Models.Optimizers.KeptScalars.UnsafeSideBySide(r.Experiment.Model)).FirstOrDefault(n => n is not null) is { } unsafeName)
            return new JobsChoice(1, $"the model uses {unsafeName}, which TorchSharp 0.107 can't run safely beside another run in one process (docs/troubleshooting.md)");
        long parameters = runs.Max(r => r.ModelPlan.TotalParameters);
        double runBytes = runs.Max(r => MemoryEstimate.Of(r.ModelPlan, r.Experiment.Train.BatchSize).TotalBytes);
        int requested = runs.Max(r => r.Experiment.Train.Threads);
        int cores = Environment.ProcessorCount;
        int busy = ThreadingPolicy.BusyCores(cores, new MachineLoad().OtherCores());
        return JobsPolicy.Choose(cores, busy, requested, runsToTrain, parameters, runBytes,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }
}
