using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

public sealed class FlattenLayer : ILayerType
{
    public string Name => "flatten";
    public string KerasClass => "Flatten";
    public string Description => "Reshapes each sample to one vector of features.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } = [];

    public Shape OutputShape(Arguments args, Shape input) => new((int)input.Elements);
    public long ParameterCount(Arguments args, Shape input) => 0;

    // Flattens TorchSharp's (C, H, W), not Keras's (H, W, C): the same features in another order,
    // which only matters for importing Keras weights.
    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context) => nn.Flatten();
}
