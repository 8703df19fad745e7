using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Activations;

/// <summary>A registered activation: its declarations and how to make the module from validated arguments.</summary>
public sealed record ActivationType(
    string Name,
    string Description,
    IReadOnlyList<ParameterInfo> Parameters,
    Func<Arguments, nn.Module<Tensor, Tensor>> Create) : IActivationType
{
    public nn.Module<Tensor, Tensor> Build(Arguments args) => Create(this.WithDefaults(args));
}
