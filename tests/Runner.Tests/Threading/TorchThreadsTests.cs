using Runner.Threading;

namespace Runner.Tests.Threading;

/// <summary>What a sweep's thread line says while the load moves: the count when it changes, once.</summary>
[Collection(TorchCollection.Name)]
public class TorchThreadsTests
{
    [Fact]
    public void The_thread_count_is_reported_when_it_changes_and_not_when_only_the_load_wording_does()
    {
        int cores = Environment.ProcessorCount;
        // Others' CPU use per look, in cores: all but one taken, all taken, all but one again (one thread
        // each time, in three wordings), then a quiet machine (every core), then busy again.
        double[] others = [cores - 1, cores, cores - 0.6, 0, cores];
        double busy = 0, wall = 0;
        var load = new MachineLoad(() => new MachineLoad.Sample(busy, 0, wall));
        var lines = new List<string>();
        var threads = new TorchThreads(jobs: 1, load, lines.Add);
        var counts = new List<int>();
        foreach (var o in others)
        {
            busy += o;
            wall += 1;
            counts.Add(threads.Apply(requested: 0).Threads);
        }
        Assert.Equal([1, 1, 1, cores, 1], counts);
        var expected = cores > 1 ? 3 : 1;   // 1, then all cores, then 1 again
        Assert.Equal(expected, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("torch threads per run: ", l));
        Assert.DoesNotContain(lines, l => l.Contains($"{cores} of {cores} cores busy: 1 free"));
    }
}
