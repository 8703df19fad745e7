using Runner.Training;

namespace Runner.Tests.Training;

/// <summary>A run's queued disk work: in order, off the caller's thread, done by Drain, and its first failure never lost.</summary>
public sealed class DiskQueueTests
{
    [Fact]
    public void Work_runs_in_the_order_it_was_queued_and_is_all_done_when_Drain_returns()
    {
        var queue = new DiskQueue();
        var done = new List<int>();
        using var gate = new ManualResetEventSlim();
        queue.Add(() => gate.Wait());   // holds the queue: everything after it waits
        for (int i = 0; i < 50; i++)
        {
            int n = i;
            queue.Add(() => { lock (done) done.Add(n); });
        }
        lock (done) Assert.Empty(done);   // Add did not run the work on the caller's thread
        gate.Set();
        queue.Drain();
        Assert.Equal(Enumerable.Range(0, 50), done);
    }

    [Fact]
    public void The_first_failure_skips_the_rest_and_is_thrown_by_Drain_and_by_the_next_Add()
    {
        var queue = new DiskQueue();
        bool after = false;
        queue.Add(() => throw new IOException("No space left on device"));
        queue.Add(() => after = true);
        var drained = Assert.Throws<IOException>(queue.Drain);
        Assert.Equal("No space left on device", drained.Message);
        Assert.False(after);
        Assert.Throws<IOException>(() => queue.Add(() => { }));
        queue.Settle();   // waits, and does not throw: the run fails for a reason of its own already
    }
}
