using Runner.Data;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Reporting.Charts;

/// <summary>
/// Images for the report's grids, through the data layer: the datasets this process has loaded
/// (<see cref="RunnerRegistries.LoadedDatasets"/>), so the report at the end of `runner run` reuses the
/// sweep's copy instead of reading and decoding the files again. Datasets whose samples are not images
/// (a CSV of features) have none to show.
/// </summary>
public sealed class DataLayerImageSource(Registry<IDatasetType> registry, DatasetCache loaded) : IDatasetImageSource
{
    const int TrainSamples = 24;

    public DataLayerImageSource() : this(RunnerRegistries.Datasets, RunnerRegistries.LoadedDatasets) { }

    public DatasetImages? Load(ComponentSpec dataset, string configDirectory, Action<string> log)
    {
        if (!registry.TryGet(dataset.Name, out _)) return null;
        // Shared with the runs that loaded it (and kept for any later use in this process): not disposed here.
        var raw = loaded.Get(dataset, new DataContext(configDirectory, log));
        using var scope = NewDisposeScope();
        if (ToImages(raw.TestImages, raw.TestLabels) is not { } test) return null;
        var train = ToImages(raw.TrainImages.narrow(0, 0, Math.Min(TrainSamples, raw.TrainImages.shape[0])),
            raw.TrainLabels.narrow(0, 0, Math.Min(TrainSamples, raw.TrainLabels.shape[0])))!;
        return new DatasetImages(raw.ClassNames, test, train);
    }

    /// <summary>[N, H, W] grey or [N, C, H, W] with 1 or 3 channels, as 0..255 bytes, channels last; else null.</summary>
    static IReadOnlyList<SampleImage>? ToImages(Tensor images, Tensor labels)
    {
        var shape = images.shape;
        var (channels, height, width) = shape.Length switch
        {
            3 => (1, (int)shape[1], (int)shape[2]),
            4 when shape[1] is 1 or 3 => ((int)shape[1], (int)shape[2], (int)shape[3]),
            _ => (0, 0, 0),
        };
        if (channels == 0) return null;
        var hwc = shape.Length == 4 ? images.permute(0, 2, 3, 1) : images;
        var bytes = hwc.mul(255).round_().clamp_(0, 255).to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
        var classes = labels.to_type(ScalarType.Int64).data<long>().ToArray();
        var size = channels * height * width;
        return classes.Select((label, i) => new SampleImage(height, width, channels, bytes.AsSpan(i * size, size).ToArray(), (int)label)).ToArray();
    }
}
