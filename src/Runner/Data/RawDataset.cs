using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// A whole dataset in memory: images float32 scaled to 0..1 with shape [N, ...SampleShape in torch
/// layout...] (e.g. [N, 28, 28]), labels int64 class indices [N].
/// </summary>
public sealed class RawDataset(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels,
    Shape sampleShape, IReadOnlyList<string> classNames) : IDisposable
{
    public Tensor TrainImages { get; } = trainImages;
    public Tensor TrainLabels { get; } = trainLabels;
    public Tensor TestImages { get; } = testImages;
    public Tensor TestLabels { get; } = testLabels;
    public Shape SampleShape { get; } = sampleShape;
    public IReadOnlyList<string> ClassNames { get; } = classNames;
    public int Classes => ClassNames.Count;

    /// <summary>"0", "1", ... for datasets whose classes have no names of their own.</summary>
    public static IReadOnlyList<string> NumberedClasses(int count) =>
        Enumerable.Range(0, count).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public void Dispose()
    {
        TrainImages.Dispose(); TrainLabels.Dispose(); TestImages.Dispose(); TestLabels.Dispose();
    }
}
