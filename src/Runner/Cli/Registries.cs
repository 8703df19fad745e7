using Runner.Data;
using Runner.Models;
using Runner.Models.Registries;

namespace Runner.Cli;

/// <summary>Every registry the CLI consults: the model side from BuiltIns, plus the datasets.</summary>
public static class RunnerRegistries
{
    public static ComponentRegistries Models => BuiltIns.Registries;
    public static Registry<IDatasetType> Datasets { get; } = DatasetRegistry.Create();

    /// <summary>Datasets loaded in this process, shared by every run of a sweep.</summary>
    public static DatasetCache LoadedDatasets { get; } = new(Datasets);
}
