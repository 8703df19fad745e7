using Runner.Devices;
using Runner.Models.Building;
using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Models.Registries;
using Runner.Planning;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// What one run trains, built from the registries exactly as the config says: its own random
/// streams, the loss (with a final softmax fused into it where it applies), the model on the run's
/// device and the optimizer. The model is initialised on the CPU from the run's CPU generators and then
/// moved, so a seed gives the same initial weights on every device; the shuffle and dropout streams stay
/// on the CPU too (a permutation and a mask per batch are cheap to move), which keeps a checkpoint's
/// random state portable between devices.
/// </summary>
public sealed class RunModel : IDisposable
{
    public RunGenerators Generators { get; }
    public BoundLoss Loss { get; }
    public MetricSet Metrics { get; }
    public nn.Module<Tensor, Tensor> Model { get; }
    public TorchSharp.Modules.OptimizerHelper Optimizer { get; }

    public string Device { get; }

    public RunModel(PlannedRun run, ComponentRegistries registries)
    {
        Device = DeviceChoice.Resolve(run.Experiment.Train.Device);
        var train = run.Experiment.Train;
        Generators = new RunGenerators(train.Seed);
        Loss = BoundLoss.Bind(train.Loss, run.Experiment.Model, registries);
        Metrics = MetricSet.Bind(train.Metrics, registries);
        Model = ModelBuilder.Build(run.Experiment.Model,
            new BuildContext(Generators.Init, Generators.Dropout, registries), Loss.FuseFinalSoftmax);
        // Before the optimizer is made: it holds the parameters it was given.
        if (Device != DeviceChoice.Cpu) Model.to(device(Device));
        Optimizer = registries.Optimizers.Get(train.Optimizer.Name).Build(Model.parameters(), train.Optimizer.Arguments);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        Generators.Dispose();
    }
}
