using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using TorchSharp.Modules;

namespace Runner.Models.Optimizers;

/// <summary>A registered optimizer: its Keras-named declarations and the TorchSharp optimizer they map onto.</summary>
public sealed record OptimizerType(
    string Name,
    string Description,
    IReadOnlyList<ParameterInfo> Parameters,
    Func<IEnumerable<Parameter>, Arguments, OptimizerHelper> Create) : IOptimizerType
{
    public OptimizerHelper Build(IEnumerable<Parameter> parameters, Arguments args) => Create(parameters, this.WithDefaults(args));
}
