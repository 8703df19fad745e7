using System.Text.Json;
using Bench.HandLoop;
using static TorchSharp.torch;

BenchOptions options;
try { options = BenchOptions.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

if (options.Threads > 0) set_num_threads(options.Threads);
var json = new JsonSerializerOptions { WriteIndented = false };

switch (options.Mode)
{
    case "matmul":
    {
        var (best, median) = MatmulPeak.Measure(options.MatmulSize, options.MatmulRepeats, options.Seed);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "matmul", size = options.MatmulSize, threads = get_num_threads(),
            gflops_best = Math.Round(best, 2), gflops_median = Math.Round(median, 2),
        }, json));
        return 0;
    }
    case "info":
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "info", threads = get_num_threads(), mkldnn_available = NativeTorch.HasMkldnn,
            mkldnn_enabled = NativeTorch.MkldnnEnabled, parallel = NativeTorch.ParallelInfo(), config = NativeTorch.ShowConfig(),
        }, json));
        return 0;
    case "train" or "layers":
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{options.Mode}'\n{BenchOptions.Usage}");
        return 2;
}

if (options.DataDir is null) { Console.Error.WriteLine($"--data DIR is required\n{BenchOptions.Usage}"); return 2; }
if (options.Mkldnn is { } mkldnn) NativeTorch.MkldnnEnabled = mkldnn;
if (options.FlushDenormal) NativeTorch.SetFlushDenormal(true);

var workload = Workload.Get(options.Workload);
var batchSize = options.BatchSize ?? workload.BatchSize;
manual_seed(options.Seed);
using var data = MnistTensors.Load(options.DataDir, options.MaxSamples);
using var model = workload.Build(options);
if (options.Mode == "layers")
{
    using var batch = data.TrainImages.narrow(0, 0, batchSize);
    using var input = options.ChannelsLast ? ChannelsLast.Of(batch) : batch.alias();
    LayerProfile.Measure(model, input, repeats: 20);   // warm-up pass: oneDNN builds its primitives
    var layers = LayerProfile.Measure(model, input, repeats: 20);
    Console.WriteLine(JsonSerializer.Serialize(new { mode = "layers", workload = workload.Name, variant = Variant(options), threads = get_num_threads(), batch_size = batchSize, layers }, json));
    return 0;
}
using var optimizer = TorchSharpStep.Create(model, options);
var metrics = options.Metrics.Length == 0 ? null : Runner.Models.Metrics.MetricSet.Bind(
    options.Metrics.Select(Runner.Models.Specs.ComponentSpec.Of), Runner.Models.BuiltIns.Registries);
var result = TrainLoop.Run(model, optimizer, data, batchSize, options.Epochs, options.Seed, options.ChannelsLast, options.TrainAccuracy,
    options.Profile, metrics, options.MetricsEveryOtherEpoch);

var trainRate = result.TrainSamples / result.TrainSeconds;
var evalRate = result.EvalSamples / result.EvalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new
{
    contender = "handloop",
    workload = workload.Name,
    variant = Variant(options),
    threads = get_num_threads(),
    batch_size = batchSize,
    epochs = options.Epochs,
    train_samples = result.TrainSamples,
    train_seconds = Math.Round(result.TrainSeconds, 4),
    train_samples_per_s = Math.Round(trainRate, 1),
    train_cpu_seconds = Math.Round(result.TrainCpuSeconds, 4),
    train_samples_per_cpu_s = Math.Round(result.TrainSamples / result.TrainCpuSeconds, 1),
    epoch_cpu_seconds = result.EpochCpuSeconds.Select(s => Math.Round(s, 4)).ToArray(),
    eval_samples_per_s = Math.Round(evalRate, 1),
    train_gflops = Math.Round(trainRate * workload.TrainFlopsPerSample() / 1e9, 2),
    peak_rss_mib = Math.Round(PeakMemory.Mib(), 1),
    loss = Math.Round(result.FinalLoss, 5),
    train_accuracy = result.TrainAccuracy is double a ? Math.Round(a, 5) : (double?)null,
    accuracy = Math.Round(result.Accuracy, 4),
    mkldnn_enabled = NativeTorch.MkldnnEnabled,
    phases = result.Phases,
}, json));
return 0;

static string Variant(BenchOptions o)
{
    var parts = new List<string>();
    if (o.Workload == "cnn") parts.Add($"pad={o.SamePadding.ToString().ToLowerInvariant()}");
    if (o.ChannelsLast) parts.Add("channels_last");
    if (o.Mkldnn is { } m) parts.Add(m ? "mkldnn=on" : "mkldnn=off");
    if (o.FlushDenormal) parts.Add("flush_denormal");
    if (o.Optimizer != "torchsharp") parts.Add($"optimizer={o.Optimizer}");
    if (o.GradsToNone) parts.Add("grads_to_none");
    return parts.Count == 0 ? "default" : string.Join(",", parts);
}
