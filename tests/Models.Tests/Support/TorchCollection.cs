using TorchSharp;

namespace Runner.Models.Tests;

/// <summary>
/// Every test class that touches TorchSharp joins this collection, so they run one after another:
/// torch's thread pool and global state are shared by the process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection : ICollectionFixture<SingleThreadedTorch>
{
    public const string Name = "Torch";
}

/// <summary>
/// The tests run tiny tensors, where torch's intra-op threads only add hand-offs (and, on a busy
/// 2-core machine, contention that made them ten times slower); one thread is faster and steadier.
/// </summary>
public sealed class SingleThreadedTorch
{
    public SingleThreadedTorch() => torch.set_num_threads(1);
}
