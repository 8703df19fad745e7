namespace Runner.Tests;

/// <summary>
/// Every test class that touches TorchSharp joins this collection, so they run one after another:
/// torch's thread pool and global state are shared by the process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
