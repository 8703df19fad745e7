using Runner.Models;
using Runner.Models.Registries;

namespace Runner.Data;

/// <summary>Every registry the commands, the report, predict and export consult, made once: the model side
/// from BuiltIns, plus the datasets. It sits low (docs/architecture.md) so that each of them can reach it.</summary>
public static class RunnerRegistries
{
    public static ComponentRegistries Models => BuiltIns.Registries;
    public static Registry<IDatasetType> Datasets { get; } = DatasetRegistry.Create();

    /// <summary>Datasets loaded in this process, shared by every run of a sweep.</summary>
    public static DatasetCache LoadedDatasets { get; } = new(Datasets);
}
