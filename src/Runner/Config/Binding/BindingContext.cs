using Runner.Data;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>What binding needs besides the tree: the registries, where relative paths start, and the default name.</summary>
public sealed record BindingContext(
    ComponentRegistries Models,
    Registry<IDatasetType> Datasets,
    string ConfigDirectory,
    string DefaultName);
