using Runner.Results;
using Runner.Reporting.Results;
using SkiaSharp;
using static TorchSharp.torch;

namespace Runner.Tests.Prediction;

/// <summary>
/// Two runs trained once for the predict tests (real data, 2,000 training samples, one epoch): an MLP
/// on MNIST and one on Fashion-MNIST, each with a test set of 100 images, plus a run that diverged.
/// </summary>
public sealed class PredictFixture : IDisposable
{
    readonly SweepHarness _harness = new();
    public TempFolder Files { get; } = new();

    public string Mnist { get; }
    public string Fashion { get; }
    public string Diverged { get; }

    public PredictFixture()
    {
        Mnist = Train("mnist_mlp", "mnist", "adam");
        Fashion = Train("fashion_mlp", "fashion_mnist", "adam");
        Diverged = Train("diverged", "mnist", "{name: sgd, learning_rate: 1e30}", expectFailure: true);
    }

    string Train(string name, string dataset, string optimizer, bool expectFailure = false)
    {
        var experiment = _harness.Load($$"""
            name: {{name}}
            data: {dataset: {{dataset}}, validation_split: 0.1, train_limit: 2000, test_limit: 100}
            {{ModelYaml.Mlp(64)}}
            train: {optimizer: {{optimizer}}, epochs: 1, seed: 1, threads: 1}
            """, name);
        var result = _harness.Run(experiment);
        Assert.Equal(expectFailure, result.Failures.Any());
        return Path.Combine(_harness.Results, name);
    }

    /// <summary>The single run folder of an experiment's results folder.</summary>
    public static string RunFolder(string results) => Directory.GetDirectories(Path.Combine(results, ResultsLayout.RunsFolder)).Single();

    /// <summary>The predicted column of the run's test_predictions.csv.</summary>
    public static int[] Recorded(string results) =>
        File.ReadAllLines(Path.Combine(RunFolder(results), ResultsLayout.PredictionsFile)).Skip(1)
            .Select(l => int.Parse(l.Split(',')[2])).ToArray();

    /// <summary>The official test images (0..255 grey, as in the idx file) of a dataset.</summary>
    public static byte[][] TestImages(string dataset, int count)
    {
        var raw = dataset == "mnist" ? RealDatasets.Mnist : RealDatasets.FashionMnist;
        using var scope = NewDisposeScope();
        var bytes = raw.TestImages.narrow(0, 0, count).mul(255).round_().to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
        return Enumerable.Range(0, count).Select(i => bytes.AsSpan(i * 784, 784).ToArray()).ToArray();
    }

    /// <summary>Writes a 28x28 grey image as PNG or JPEG, optionally inverted (dark ink on white).</summary>
    public static string WriteImage(string path, byte[] grey, bool invert = false, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = invert ? grey.Select(p => (byte)(255 - p)).ToArray() : grey;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    public void Dispose()
    {
        _harness.Dispose();
        Files.Dispose();
    }
}
