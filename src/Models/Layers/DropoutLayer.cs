using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

public sealed class DropoutLayer : ILayerType
{
    public string Name => "dropout";
    public string KerasClass => "Dropout";
    public string Description => "While training, zeroes each value with probability rate and scales the rest by 1 / (1 - rate).";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
        [Param.Float("rate", null, "Probability of dropping a value.", ValueRange.Fraction)];

    public Shape OutputShape(Arguments args, Shape input) => input;
    public long ParameterCount(Arguments args, Shape input) => 0;

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context) =>
        new SeededDropout(args.Float("rate"), context.Dropout);
}
