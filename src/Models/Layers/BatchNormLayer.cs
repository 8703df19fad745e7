using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Layers;

/// <summary>Keras's BatchNormalization over the last (channel) axis.</summary>
public sealed class BatchNormLayer : ILayerType
{
    public string Name => "batchnorm";
    public string KerasClass => "BatchNormalization";
    public string Description => "Normalises each channel by batch statistics while training and by moving averages in eval.";
    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        Param.Float("momentum", 0.99, "Keras meaning: moving = momentum * moving + (1 - momentum) * batch (PyTorch's momentum is 1 minus this).", ValueRange.Fraction),
        Param.Float("epsilon", 1e-3, "Added to the variance (Keras 1e-3; PyTorch's is 1e-5).", ValueRange.Positive),
    ];

    public Shape OutputShape(Arguments args, Shape input) =>
        input.Rank <= 3 ? input : throw new ShapeException($"batchnorm takes inputs of rank 1 to 3 but gets {input}");

    /// <summary>Keras counts gamma, beta, moving mean and moving variance: 4 per channel.</summary>
    public long ParameterCount(Arguments args, Shape input) => 4L * Channels(input);

    public long NonTrainableParameterCount(Arguments args, Shape input) => 2L * Channels(input);

    public nn.Module<Tensor, Tensor> Build(Arguments args, Shape input, BuildContext context)
    {
        long channels = Channels(input);
        double eps = args.Float("epsilon"), momentum = 1 - args.Float("momentum");
        return input.Rank switch
        {
            1 => nn.BatchNorm1d(channels, eps, momentum),
            2 => new LastAxisBatchNorm(nn.BatchNorm1d(channels, eps, momentum)),
            _ => nn.BatchNorm2d(channels, eps, momentum),
        };
    }

    static int Channels(Shape input) => input[input.Rank - 1];
}
