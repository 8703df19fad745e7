using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>A dataset in the registry: mnist, fashion_mnist, csv, synthetic.</summary>
public interface IDatasetType : IComponentType
{
    /// <summary>Loads (fetching and verifying if needed) the whole dataset as tensors.</summary>
    RawDataset Load(Arguments args, DataContext context);
}

/// <summary>Where relative paths in a config resolve from, and where progress messages go.</summary>
public sealed record DataContext(string ConfigDirectory, Action<string> Log);
