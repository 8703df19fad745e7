using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>A dataset in the registry: mnist, fashion_mnist, csv, synthetic.</summary>
public interface IDatasetType : IComponentType
{
    /// <summary>Loads (fetching and verifying if needed) the whole dataset as tensors.</summary>
    RawDataset Load(Arguments args, DataContext context);

    /// <summary>
    /// What validation can know before anything is loaded: the per-sample shape and the number of
    /// classes. Null when only the data can tell (a user's CSV file).
    /// </summary>
    DatasetInfo? Describe(Arguments args);

    /// <summary>
    /// What a run would refuse before epoch 1, found without loading the data (a missing or empty file,
    /// a header without the label column): each problem names the parameter it is about.
    /// </summary>
    IEnumerable<DataProblem> Check(Arguments args, DataCheck check) => [];

    /// <summary>The classes' names ("T-shirt/top", ...) without loading anything; null where classes are numbers.</summary>
    IReadOnlyList<string>? ClassNames(Arguments args) => null;
}

/// <summary>A dataset on paper: the shape of one sample (Keras layout, e.g. (28, 28)) and its class count.</summary>
/// <param name="TrainSamples">The training set's size before limits and splits, when known without loading.</param>
public sealed record DatasetInfo(Shape SampleShape, int Classes, long? TrainSamples = null);

/// <summary>What <see cref="IDatasetType.Check"/> needs to know of the experiment.</summary>
public sealed record DataCheck(string ConfigDirectory, double ValidationSplit, int? TrainLimit);

/// <summary>A problem with the data, about one of the dataset's parameters (or the dataset as a whole: null).</summary>
public sealed record DataProblem(string? Parameter, string Message);

/// <summary>Where relative paths in a config resolve from, and where progress messages go.</summary>
public sealed record DataContext(string ConfigDirectory, Action<string> Log, CancellationToken Cancel = default);
