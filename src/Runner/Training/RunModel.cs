using Runner.Models.Building;
using Runner.Models.Losses;
using Runner.Models.Registries;
using Runner.Planning;
using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>
/// What one run trains, built from the registries exactly as the config says: its own random
/// streams, the loss (with a final softmax fused into it where it applies), the model and the optimizer.
/// </summary>
public sealed class RunModel : IDisposable
{
    public RunGenerators Generators { get; }
    public BoundLoss Loss { get; }
    public nn.Module<Tensor, Tensor> Model { get; }
    public TorchSharp.Modules.OptimizerHelper Optimizer { get; }

    public RunModel(PlannedRun run, ComponentRegistries registries)
    {
        var train = run.Experiment.Train;
        Generators = new RunGenerators(train.Seed);
        Loss = BoundLoss.Bind(train.Loss, run.Experiment.Model, registries);
        Model = ModelBuilder.Build(run.Experiment.Model,
            new BuildContext(Generators.Init, Generators.Dropout, registries), Loss.FuseFinalSoftmax);
        Optimizer = registries.Optimizers.Get(train.Optimizer.Name).Build(Model.parameters(), train.Optimizer.Arguments);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        Generators.Dispose();
    }
}
