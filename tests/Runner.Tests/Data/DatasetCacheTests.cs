using Runner.Data;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Runner.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class DatasetCacheTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly List<string> _log = [];
    readonly DatasetCache _cache;

    public DatasetCacheTests() =>
        // Locations in an empty temp folder: these tests never touch the real datasets.
        _cache = new DatasetCache(DatasetRegistry.Create(new DataLocations(_temp["cache"], _temp["keras"], [], _temp["usr"], UsePackageClients: false)));

    public void Dispose()
    {
        _cache.Dispose();
        _temp.Dispose();
    }

    DataContext Context => new(_temp.Path, _log.Add);

    static ComponentSpec Synthetic(int seed) =>
        new("synthetic", Arguments.For(new SyntheticDataset().Parameters, ("seed", seed), ("train_samples", 50), ("test_samples", 10)));

    [Fact]
    public void A_dataset_is_loaded_once_and_then_shared()
    {
        var first = _cache.Get(Synthetic(1), Context);
        var second = _cache.Get(Synthetic(1) with { Name = "SYNTHETIC" }, Context);
        var other = _cache.Get(Synthetic(2), Context);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(2, _cache.Count);
        Assert.Equal(2, _log.Count);   // one "synthetic: ..." line per load
    }

    [Fact]
    public void Shared_tensors_outlive_the_dispose_scope_of_the_run_that_loaded_them()
    {
        RawDataset raw;
        using (NewDisposeScope()) raw = _cache.Get(Synthetic(1), Context);

        using var sum = raw.TrainImages.sum();
        Assert.True(sum.item<float>() > 0);
    }

    [Fact]
    public void An_unknown_dataset_is_answered_with_the_known_names_and_the_nearest()
    {
        var e = Assert.Throws<UnknownNameException>(() => _cache.Get(ComponentSpec.Of("fashoin_mnist"), Context));

        Assert.Equal("unknown dataset 'fashoin_mnist'. Known: csv, fashion_mnist, mnist, synthetic. Did you mean 'fashion_mnist'?", e.Message);
    }

    [Fact]
    public void A_failed_load_is_not_kept_so_asking_again_retries()
    {
        var csv = new ComponentSpec("csv", Arguments.For(new CsvDataset().Parameters, ("path", "later.csv")));
        Assert.Throws<DataFileException>(() => _cache.Get(csv, Context));
        File.WriteAllLines(_temp["later.csv"], ["label,a", "0,1", "1,2", "0,3", "1,4", "0,5"]);

        var raw = _cache.Get(csv, Context);

        Assert.Equal(4, raw.TrainLabels.shape[0]);
    }

    [Fact]
    public void Mnist_with_no_source_at_all_fails_with_the_manual_placement_instructions()
    {
        var e = Assert.Throws<DatasetUnavailableException>(() => _cache.Get(ComponentSpec.Of("mnist"), Context));

        Assert.Contains($"Keras's copy {_temp["keras/mnist.npz"]}: no such file", e.Message);
        Assert.Contains($"in {_temp["cache/mnist"]}/ :", e.Message);
        Assert.Contains("t10k-labels-idx1-ubyte", e.Message);
        Assert.Equal(0, _cache.Count);
    }
}
