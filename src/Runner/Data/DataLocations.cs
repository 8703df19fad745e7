namespace Runner.Data;

/// <summary>
/// Where datasets are cached and where copies the user already has may be. Read from the
/// environment once; tests build one over temporary folders.
/// </summary>
/// <param name="CacheRoot">Holds one subfolder per dataset (`mnist/`, `fashion_mnist/`).</param>
/// <param name="KerasDatasets">Keras's download folder: `$KERAS_HOME/datasets`, default `~/.keras/datasets`.</param>
/// <param name="TorchvisionRoots">Folders that may be a torchvision `root` (holding `MNIST/raw`, `FashionMNIST/raw`).</param>
/// <param name="SystemDatasets">Where Debian's dataset packages install: `/usr/share/datasets`.</param>
/// <param name="UsePackageClients">False keeps npm and apt-get out (tests of the other sources).</param>
public sealed record DataLocations(
    string CacheRoot,
    string KerasDatasets,
    IReadOnlyList<string> TorchvisionRoots,
    string SystemDatasets,
    bool UsePackageClients = true)
{
    public string CacheFolder(string datasetName) => Path.Combine(CacheRoot, datasetName);

    /// <summary>
    /// Cache: `$RUNNER_DATA`, else `$XDG_CACHE_HOME/runner/datasets`, else `~/.cache/runner/datasets`.
    /// Torchvision roots: `$TORCHVISION_ROOT` if set, `./data`, `~/data` (the usual `root=` choices).
    /// </summary>
    public static DataLocations FromEnvironment()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var kerasHome = Variable("KERAS_HOME") ?? Path.Combine(home, ".keras");
        var torchvisionRoots = new[] { Variable("TORCHVISION_ROOT"), Path.GetFullPath("data"), Path.Combine(home, "data") }
            .OfType<string>().Distinct().ToList();
        return new DataLocations(DefaultCacheRoot(home), Path.Combine(kerasHome, "datasets"), torchvisionRoots, "/usr/share/datasets");
    }

    static string DefaultCacheRoot(string home) =>
        Variable("RUNNER_DATA")
        ?? Path.Combine(Variable("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache"), "runner", "datasets");

    static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
