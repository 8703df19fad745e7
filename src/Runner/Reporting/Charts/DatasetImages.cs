using Runner.Models.Specs;

namespace Runner.Reporting.Charts;

/// <summary>
/// The images of a dataset that the report draws: class names, the official test set (indexed like
/// test_predictions.csv) and a few training samples. Pixels are 0..255, row-major, channels last.
/// </summary>
public sealed record DatasetImages(IReadOnlyList<string> ClassNames, IReadOnlyList<SampleImage> Test, IReadOnlyList<SampleImage> TrainSamples);

/// <summary>One image and its class index.</summary>
public sealed record SampleImage(int Height, int Width, int Channels, byte[] Pixels, int Label);

/// <summary>
/// Where the report gets images from. The report itself knows no datasets: the data layer plugs in
/// here, and a source may answer null (tabular data, dataset unavailable offline).
/// </summary>
public interface IDatasetImageSource
{
    /// <param name="dataset">The dataset of the run's config.yaml, as the loader bound it.</param>
    /// <param name="configDirectory">Where relative paths of the experiment file resolve from.</param>
    DatasetImages? Load(ComponentSpec dataset, string configDirectory, Action<string> log);
}
