using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Models.Initializers;

/// <summary>Fills a weight in place from validated arguments and the layer's fans, drawing only from the generator.</summary>
public delegate void FillWeights(Tensor target, long fanIn, long fanOut, Arguments args, Generator generator);

/// <summary>A registered initializer: its declarations and its fill rule.</summary>
public sealed record InitializerType(
    string Name,
    string Description,
    IReadOnlyList<ParameterInfo> Parameters,
    FillWeights Rule) : IInitializerType
{
    public void Fill(Tensor target, long fanIn, long fanOut, Arguments args, Generator generator)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Rule(target, fanIn, fanOut, this.WithDefaults(args), generator);
    }
}
