using Runner.Models.Registries;

namespace Runner.Data;

/// <summary>The one place where every dataset is registered.</summary>
public static class DatasetRegistry
{
    /// <summary>The datasets, with copies and caches looked up where the environment says.</summary>
    public static Registry<IDatasetType> Create() => Create(DataLocations.FromEnvironment());

    public static Registry<IDatasetType> Create(DataLocations locations) => new Registry<IDatasetType>("dataset")
        .Add(new IdxDataset("mnist", "handwritten digits 0-9: 60000 train / 10000 test, 28x28 grey",
            IdxDatasetFiles.Mnist, IdxSources.Mnist, locations))
        .Add(new IdxDataset("fashion_mnist", "Zalando's clothing images in 10 classes: 60000 train / 10000 test, 28x28 grey",
            IdxDatasetFiles.FashionMnist, IdxSources.FashionMnist, locations))
        .Add(new CsvDataset())
        .Add(new SyntheticDataset());
}
