using Runner.Data;
using Runner.Models.Specs;

namespace Runner.Tests;

/// <summary>
/// MNIST and Fashion-MNIST loaded once per test run, the way `runner` loads them: from the user's
/// cache, fetched on the first run of a fresh machine. Read-only: tests must not modify the tensors.
/// </summary>
internal static class RealDatasets
{
    static readonly Lazy<DatasetCache> Cache = new(() => new DatasetCache(DatasetRegistry.Create()));

    public static List<string> Log { get; } = [];

    public static RawDataset Mnist => Get("mnist");
    public static RawDataset FashionMnist => Get("fashion_mnist");

    static RawDataset Get(string name)
    {
        lock (Log) return Cache.Value.Get(ComponentSpec.Of(name), new DataContext(".", Log.Add));
    }
}
