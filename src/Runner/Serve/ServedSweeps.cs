namespace Runner.Serve;

/// <summary>
/// The sweeps being served and their latest snapshots. A watcher looks at every sweep's
/// <see cref="ChangeToken"/> a few times a second and rebuilds the snapshot of one that changed, then
/// wakes the browsers listening for changes (<see cref="WaitForChange"/>).
/// </summary>
public sealed class ServedSweeps(SweepFolders folders) : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    sealed class Entry(string folder)
    {
        public string Folder { get; } = folder;
        public readonly object Gate = new();
        public SweepSnapshot? Snapshot;
        public long Token;
        public long Version;
        public DateTime LoadedAt;
    }

    /// <summary>A folder shown as a problem (a link, a FIFO) is looked at again this often: the user may have fixed it.</summary>
    static readonly TimeSpan ProblemRetry = TimeSpan.FromSeconds(2);

    readonly object _gate = new();
    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stop = new();
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _version;

    public SweepFolders Folders => folders;

    /// <summary>The served runs' learning curves, shared by every sweep (one memory bound for the server).</summary>
    public CurveStore Curves { get; } = new();

    /// <summary>Starts the watcher; the first look loads every sweep.</summary>
    public void Start() => _ = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try { Look(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the next look retries */ }
            try { await Task.Delay(PollInterval, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    });

    /// <summary>One look at every sweep: new folders are added, changed ones reloaded.</summary>
    public void Look()
    {
        var found = folders.Find();
        bool changed;
        lock (_gate)
        {
            changed = _entries.Keys.Any(k => !found.ContainsKey(k));
            foreach (var gone in _entries.Keys.Where(k => !found.ContainsKey(k)).ToArray()) _entries.Remove(gone);
            foreach (var (key, folder) in found)
                if (!_entries.TryGetValue(key, out var known) || known.Folder != folder) _entries[key] = new Entry(folder);
        }
        foreach (var key in found.Keys)
            if (Refresh(key)) changed = true;
        if (!changed) return;
        Curves.Retain(List().Where(e => e.Snapshot is not null).SelectMany(e => e.Snapshot!.Runs.Select(r => r.MetricsCsv)).ToHashSet(StringComparer.Ordinal));
        Publish();
    }

    /// <summary>Reloads the sweep when its token moved; true when it did.</summary>
    bool Refresh(string key)
    {
        Entry? entry;
        lock (_gate) entry = _entries.GetValueOrDefault(key);
        if (entry is null) return false;
        lock (entry.Gate)
        {
            var live = entry.Snapshot is { } s ? s.Runs.Where(r => !r.Ended).Select(r => r.Directory) : [];
            var token = ChangeToken.Of(entry.Folder, live);
            var retry = entry.Snapshot?.Problem is not null && DateTime.UtcNow - entry.LoadedAt > ProblemRetry;
            if (entry.Snapshot is not null && token == entry.Token && !retry) return false;
            var previous = entry.Snapshot;
            var next = SweepSnapshot.Load(key, entry.Folder, Curves);
            entry.LoadedAt = DateTime.UtcNow;
            if (retry && next.Problem == previous!.Problem) return false;   // unchanged: no news for the browsers
            // The snapshot's own live runs decide the token next time: take it again with them.
            entry.Token = ChangeToken.Of(entry.Folder, next.Runs.Where(r => !r.Ended).Select(r => r.Directory));
            next.Version = Interlocked.Increment(ref _version);
            _ = next.Json;   // made here, not by the first browser that asks
            entry.Snapshot = next;
            entry.Version = next.Version;
            return true;
        }
    }

    /// <summary>The sweep's latest snapshot (loaded now if the watcher has not got to it), or null for an unknown key.</summary>
    public SweepSnapshot? Get(string key)
    {
        Entry? entry;
        lock (_gate) entry = _entries.GetValueOrDefault(key);
        if (entry is null)
        {
            Look();
            lock (_gate) entry = _entries.GetValueOrDefault(key);
            if (entry is null) return null;
        }
        lock (entry.Gate)
        {
            if (entry.Snapshot is null) Refresh(key);
            return entry.Snapshot;
        }
    }

    /// <summary>Every served sweep's key, folder, version and snapshot so far (null while loading).</summary>
    public IReadOnlyList<(string Key, string Folder, long Version, SweepSnapshot? Snapshot)> List()
    {
        lock (_gate) return _entries.Select(e => (e.Key, e.Value.Folder, Interlocked.Read(ref e.Value.Version), e.Value.Snapshot)).ToArray();
    }

    /// <summary>Completes at the next change (a sweep reloaded, added or gone).</summary>
    public Task WaitForChange()
    {
        lock (_gate) return _changed.Task;
    }

    void Publish()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    public void Dispose()
    {
        _stop.Cancel();
        Publish();
    }
}
