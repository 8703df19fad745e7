using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>A dataset in the registry: mnist, fashion_mnist, csv, synthetic.</summary>
public interface IDatasetType : IComponentType
{
    /// <summary>Loads (fetching and verifying if needed) the whole dataset as tensors.</summary>
    RawDataset Load(Arguments args, DataContext context);

    /// <summary>
    /// The sample shape and class count known from the arguments alone, without loading; null when
    /// they can't be known before loading. Validation checks the model's input and output width
    /// against it before anything runs. Paths in <paramref name="args"/> are already absolute.
    /// </summary>
    DatasetDescription? Describe(Arguments args) => null;
}

/// <summary>Where relative paths in a config resolve from, and where progress messages go.</summary>
public sealed record DataContext(string ConfigDirectory, Action<string> Log);
