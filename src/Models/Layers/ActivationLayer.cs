using Runner.Models.Building;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

public sealed class ActivationLayer : ILayerType
{
    public string Name => "activation";
    public string KerasClass => "Activation";
    public string Description => "Applies an activation on its own.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
        [Param.Activation("activation", null, "The activation to apply.")];

    public Shape OutputShape(Arguments args, Shape input) => input;
    public long ParameterCount(Arguments args, Shape input) => 0;

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context) =>
        context.Activation(args.Component("activation"));
}
