using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Runner.Training;

/// <summary>
/// A run's file work that must happen in order, and be done before the run counts as ended, but need not
/// hold up its training: mostly making records durable. A flush to disk (fsync) took about 8 ms on this
/// project's machine, a run of the README's sweep made 17 of them, and its 18 runs waited 2.9 s on the
/// disk (docs/performance.md). Queued, each run's flushes run on the thread pool one after another while
/// training goes on, and many runs' flushes overlap, which the file system's journal commits together.
/// The first failure stops the queue and is rethrown by the next <see cref="Add"/> or <see cref="Drain"/>,
/// so a full disk still fails the run, at most an epoch later.
/// </summary>
public sealed class DiskQueue
{
    // Every queue with work in it, for the test hook that must see all records on disk before it holds.
    static readonly ConcurrentDictionary<DiskQueue, byte> Busy = new();

    readonly object _gate = new();
    Task _tail = Task.CompletedTask;
    ExceptionDispatchInfo? _failure;

    /// <summary>Queues <paramref name="work"/> after the work queued before it; throws an earlier item's failure.</summary>
    public void Add(Action work)
    {
        lock (_gate)
        {
            _failure?.Throw();
            Busy[this] = 0;
            _tail = _tail.ContinueWith(_ => Do(work), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    void Do(Action work)
    {
        if (Volatile.Read(ref _failure) is not null) return;
        try { work(); }
        catch (Exception e) { Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e)); }
    }

    /// <summary>Waits until every queued item is done, then throws the first failure, if any.</summary>
    public void Drain()
    {
        Task tail;
        lock (_gate) tail = _tail;
        tail.Wait();
        Busy.TryRemove(this, out _);
        Volatile.Read(ref _failure)?.Throw();
    }

    /// <summary>Waits until every queued item is done, without throwing: for a run that ends by an error of its own.</summary>
    public void Settle()
    {
        try { Drain(); }
        catch (Exception) { /* the run already fails for another reason; this one came after it */ }
    }

    /// <summary>Waits for every run's queued work (the test hook: what it holds at must be on disk).</summary>
    internal static void SettleAll()
    {
        foreach (var queue in Busy.Keys) queue.Settle();
    }
}
