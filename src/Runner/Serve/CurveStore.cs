namespace Runner.Serve;

/// <summary>
/// Every served run's learning curves, read once per change of its metrics.csv (size and time): a
/// summary of at most <see cref="SummaryPoints"/> epochs per run always in memory (the first views and
/// the faded curves of a search are drawn from it), and the full curves in a least-recently-used cache
/// of at most <see cref="FullCurveBytes"/>, read again from the file when pushed out. So 10,000 runs of
/// 100 epochs cost about 8 MB of summaries plus the cache, and a live update re-reads only the runs
/// whose files changed.
/// </summary>
/// <param name="fullCurveBytes">The cache's bound (a test makes it small to see runs pushed out).</param>
public sealed class CurveStore(long fullCurveBytes = CurveStore.FullCurveBytes)
{
    public const int SummaryPoints = 24;
    public const long FullCurveBytes = 64L * 1024 * 1024;

    readonly record struct Stamp(long Length, long Ticks);

    sealed record Known(Stamp Stamp, RunCurves Summary);

    readonly object _gate = new();
    readonly Dictionary<string, Known> _summaries = new(StringComparer.Ordinal);
    readonly Dictionary<string, LinkedListNode<(string Path, Stamp Stamp, RunCurves Curves)>> _full = new(StringComparer.Ordinal);
    readonly LinkedList<(string Path, Stamp Stamp, RunCurves Curves)> _recent = new();
    long _fullBytes;

    /// <summary>Files read so far (a test sees that an unchanged file is not read again).</summary>
    public long Reads => Interlocked.Read(ref _reads);
    long _reads;

    /// <summary>The run's curves at most <see cref="SummaryPoints"/> epochs long, read only when the file changed.</summary>
    public RunCurves Summary(string metricsCsv)
    {
        if (metricsCsv.Length == 0) return RunCurves.Empty;   // a run whose folder can't be read (ServedRun.MetricsCsv)
        var stamp = StampOf(metricsCsv);
        lock (_gate)
            if (_summaries.TryGetValue(metricsCsv, out var known) && known.Stamp == stamp) return known.Summary;
        // Not kept whole: loading 10,000 runs would fill the cache with curves nobody asked for.
        return Load(metricsCsv, stamp, keepFull: false).Downsampled(SummaryPoints);
    }

    /// <summary>Every epoch of the run's curves, from the cache while the file is unchanged.</summary>
    public RunCurves Full(string metricsCsv)
    {
        if (metricsCsv.Length == 0) return RunCurves.Empty;
        var stamp = StampOf(metricsCsv);
        lock (_gate)
            if (_full.TryGetValue(metricsCsv, out var node) && node.Value.Stamp == stamp)
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Curves;
            }
        return Load(metricsCsv, stamp, keepFull: true);
    }

    /// <summary>Forgets the runs not in <paramref name="paths"/> (a sweep gone, a run folder removed).</summary>
    public void Retain(IReadOnlySet<string> paths)
    {
        lock (_gate)
            foreach (var gone in _summaries.Keys.Where(p => !paths.Contains(p)).ToArray())
            {
                _summaries.Remove(gone);
                if (_full.Remove(gone, out var node)) Drop(node);
            }
    }

    /// <summary>Memory held by full curves now (at most the bound given, <see cref="FullCurveBytes"/> by default).</summary>
    public long FullBytes { get { lock (_gate) return _fullBytes; } }

    RunCurves Load(string path, Stamp stamp, bool keepFull)
    {
        var curves = RunCurves.Read(path);
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            _summaries[path] = new Known(stamp, curves.Downsampled(SummaryPoints));
            if (_full.Remove(path, out var old)) Drop(old);
            if (keepFull && curves.Bytes <= fullCurveBytes)
            {
                _full[path] = _recent.AddFirst((path, stamp, curves));
                _fullBytes += curves.Bytes;
                while (_fullBytes > fullCurveBytes && _recent.Last is { } last)
                {
                    _full.Remove(last.Value.Path);
                    Drop(last);
                }
            }
        }
        return curves;
    }

    void Drop(LinkedListNode<(string Path, Stamp Stamp, RunCurves Curves)> node)
    {
        _recent.Remove(node);
        _fullBytes -= node.Value.Curves.Bytes;
    }

    static Stamp StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new Stamp(info.Length, info.LastWriteTimeUtc.Ticks) : new Stamp(-1, 0);
    }
}
