using System.Globalization;

namespace Bench.HandLoop;

/// <summary>How the CNN's Keras 'same' convolution with an even kernel (2x2) gets its bottom/right zero row.</summary>
public enum SamePadding
{
    /// <summary>F.pad the input by (0,1,0,1), then a padding-0 convolution: the obvious port, one copy per call.</summary>
    Explicit,
    /// <summary>libtorch's own padding="same" (it pads the asymmetric remainder with a copy internally).</summary>
    Libtorch,
    /// <summary>Symmetric padding 1 (no copy; the conv pads internally), then drop the first output row/column.</summary>
    Overcompute,
}

/// <summary>Command-line options. Everything has a default so that `HandLoop --workload mlp100 --data DIR` runs.</summary>
public sealed record BenchOptions
{
    public string Mode { get; init; } = "train";          // train | matmul | info
    public string Workload { get; init; } = "mlp100";
    public int Epochs { get; init; } = 1;
    public int Threads { get; init; }                     // 0 = libtorch's default
    public int? MaxSamples { get; init; }
    public int? BatchSize { get; init; }                  // overrides the workload's batch size
    public string? DataDir { get; init; }
    public int Seed { get; init; } = 1;
    public int MatmulSize { get; init; } = 4096;
    public int MatmulRepeats { get; init; } = 5;
    public SamePadding SamePadding { get; init; } = SamePadding.Explicit;
    public bool ChannelsLast { get; init; }
    public bool? Mkldnn { get; init; }                    // null = leave libtorch's setting
    public bool FlushDenormal { get; init; }
    public string Optimizer { get; init; } = "torchsharp";  // torchsharp | lean (LeanAdam) | fused (FusedAdam)
    public bool GradsToNone { get; init; }                // drop gradients instead of zeroing them
    public bool Profile { get; init; }                    // time forward / backward / optimizer step separately
    public bool TrainAccuracy { get; init; } = true;      // count correct predictions each batch, as Keras's fit (and the runner) do
    public string[] Metrics { get; init; } = [];          // Runner's metrics counted each epoch too (its EpochTally), e.g. f1_score,top_k_accuracy
    public bool MetricsEveryOtherEpoch { get; init; }     // count them in epochs 2, 4, ... only: with and without in one process

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--mode" => o with { Mode = Value() },
                "--matmul" => o with { Mode = "matmul" },
                "--info" => o with { Mode = "info" },
                "--workload" or "-w" => o with { Workload = Value() },
                "--epochs" => o with { Epochs = Int() },
                "--threads" => o with { Threads = Int() },
                "--max-samples" => o with { MaxSamples = Int() },
                "--batch-size" => o with { BatchSize = Int() },
                "--data" => o with { DataDir = Value() },
                "--seed" => o with { Seed = Int() },
                "--matmul-size" => o with { MatmulSize = Int() },
                "--matmul-repeats" => o with { MatmulRepeats = Int() },
                "--same-padding" => o with { SamePadding = Enum.Parse<SamePadding>(Value(), ignoreCase: true) },
                "--channels-last" => o with { ChannelsLast = true },
                "--mkldnn" => o with { Mkldnn = Value() is "on" or "true" or "1" },
                "--flush-denormal" => o with { FlushDenormal = true },
                "--optimizer" => o with { Optimizer = Value() },
                "--grads-to-none" => o with { GradsToNone = true },
                "--profile" => o with { Profile = true },
                "--no-train-accuracy" => o with { TrainAccuracy = false },
                "--metrics" => o with { Metrics = Value().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--metrics-every-other-epoch" => o with { MetricsEveryOtherEpoch = true },
                "--layers" => o with { Mode = "layers" },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option '{args[i]}'.\n{Usage}"),
            };
        }
        return o;
    }

    public const string Usage = """
        HandLoop --workload mlp100|mlp1000|cnn --data DIR [--epochs 1] [--threads N] [--max-samples N]
                 [--batch-size N] [--seed 1] [--profile] [--optimizer torchsharp|lean|fused] [--grads-to-none]
                 [--metrics f1_score,top_k_accuracy [--metrics-every-other-epoch]]   (Runner's metric tally, as its trainer runs it)
                 CNN variants: [--same-padding explicit|libtorch|overcompute] [--channels-last]
                               [--mkldnn on|off] [--flush-denormal]
        HandLoop --matmul [--matmul-size 4096] [--matmul-repeats 5] [--threads N]
        HandLoop --layers --workload cnn --data DIR [CNN variants]   (per-layer forward/backward ms per batch)
        HandLoop --info    (libtorch build config and parallel settings)
        Prints one JSON line.
        """;
}
