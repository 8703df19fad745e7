using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>The three benchmark workloads: model, batch size and analytic FLOPs per trained sample.</summary>
public sealed record Workload(string Name, int BatchSize, Func<BenchOptions, nn.Module<Tensor, Tensor>> Build)
{
    public static Workload Get(string name) => name.ToLowerInvariant() switch
    {
        "mlp100" => new("mlp100", 32, _ => Mlp(100)),
        "mlp1000" => new("mlp1000", 100, _ => Mlp(1000)),
        "cnn" => new("cnn", 32, Cnn),
        _ => throw new ArgumentException($"unknown workload '{name}'. Known: mlp100, mlp1000, cnn"),
    };

    static nn.Module<Tensor, Tensor> Mlp(int hidden) => KerasInit(nn.Sequential(
        ("flatten", nn.Flatten()),
        ("dense1", nn.Linear(784, hidden)),
        ("relu1", nn.ReLU()),
        ("dense2", nn.Linear(hidden, 10))));

    /// <summary>Conv(32,5x5,same,relu), MaxPool 2, Conv(64,2x2,same,relu), MaxPool 2, Dropout 0.25,
    /// Flatten, Dense(1000,relu), Dense(10).</summary>
    static nn.Module<Tensor, Tensor> Cnn(BenchOptions o)
    {
        var model = KerasInit(nn.Sequential(
            ("conv1", nn.Conv2d(1, 32, 5, padding: 2)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", new EvenKernelSameConv(32, 64, o.SamePadding)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(2)),
            ("dropout", nn.Dropout(0.25)),
            ("flatten", nn.Flatten()),
            ("dense1", nn.Linear(7 * 7 * 64, 1000)),
            ("relu3", nn.ReLU()),
            ("dense2", nn.Linear(1000, 10))));
        if (o.ChannelsLast) ChannelsLast.ConvertConvWeights(model);
        return model;
    }

    /// <summary>Keras defaults, so accuracies are comparable: glorot_uniform weights, zero biases.</summary>
    static T KerasInit<T>(T model) where T : nn.Module
    {
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith("bias", StringComparison.Ordinal)) nn.init.zeros_(p);
            else nn.init.xavier_uniform_(p);
        }
        return model;
    }

    /// <summary>Multiply-adds of one forward pass for one sample, per weight layer (in order).</summary>
    public long[] ForwardMacsPerLayer() => Name switch
    {
        "mlp100" => [784L * 100, 100L * 10],
        "mlp1000" => [784L * 1000, 1000L * 10],
        "cnn" => [28L * 28 * 32 * 5 * 5 * 1, 14L * 14 * 64 * 2 * 2 * 32, 3136L * 1000, 1000L * 10],
        _ => throw new InvalidOperationException(),
    };

    /// <summary>FLOPs to train on one sample: forward 2·MACs, weight gradient 2·MACs, input gradient
    /// 2·MACs for every layer but the first (its input needs no gradient). Elementwise work is ignored.</summary>
    public double TrainFlopsPerSample()
    {
        var macs = ForwardMacsPerLayer();
        return 2.0 * macs.Sum() + 2.0 * macs.Sum() + 2.0 * macs.Skip(1).Sum();
    }

    public double EvalFlopsPerSample() => 2.0 * ForwardMacsPerLayer().Sum();
}
