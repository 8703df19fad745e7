using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Metrics;

/// <summary>
/// Counts one pass over a split for the metrics that need more than the loss and accuracy: the
/// confusion matrix (one, shared by every metric that needs it) and the top-k hits of each k asked for.
/// Per batch it copies the output, detached from the autograd graph, into one buffer on the device
/// allocated once (three native calls: detach, narrow, copy). It reads nothing back per batch and keeps
/// no per-batch tensor alive, which cost twice as much (each kept tensor a native allocation and a
/// finalizable object outliving the batch). What it keeps is folded into the counts at the end of the
/// pass, and whenever the buffer is full (2^24 values; a whole epoch of MNIST is far less): the
/// predictions are the arg-max of the kept outputs, the confusion matrix one bincount of
/// target * classes + predicted, the top-k hits one elementwise comparison.
/// With nothing requested, <see cref="Add"/> does nothing.
/// </summary>
public sealed class EpochTally : IDisposable
{
    public const long DefaultBufferValues = 1 << 24;

    readonly int _classes;
    readonly long[]? _counts;
    readonly Dictionary<int, long> _hits = [];
    readonly Tensor _targets;
    readonly Tensor? _order;
    long _capacity;
    Tensor? _outputs;
    long _folded, _kept;

    /// <param name="targets">The split's class indices; batches come in the order of <paramref name="order"/> (null: as they are).</param>
    /// <param name="bufferValues">How many values it keeps before folding them into the counts.</param>
    public EpochTally(int classes, bool confusion, IReadOnlyList<int> topK, Tensor targets, Tensor? order,
        long bufferValues = DefaultBufferValues)
    {
        _classes = classes;
        _counts = confusion ? new long[(long)classes * classes] : null;
        foreach (var k in topK) _hits[k] = 0;
        _targets = targets;
        _order = order;
        _capacity = Math.Clamp(bufferValues / classes, 1, Math.Max(1, (order ?? targets).shape[0]));
    }

    bool CountsNothing => _counts is null && _hits.Count == 0;

    /// <summary>Takes the next batch's output [size, classes], made inside the caller's batch DisposeScope.</summary>
    public void Add(Tensor output, long size)
    {
        if (CountsNothing) return;
        if (_kept > 0 && _kept + size > _capacity) Fold();
        // The buffer's rows are _capacity once it exists (asked of the tensor, its shape would be a native call per batch).
        if (_outputs is null || size > _capacity)
        {
            // At least one batch: its output exists anyway, so the bound only ever doubles it.
            _outputs?.Dispose();
            _capacity = Math.Max(_capacity, size);
            _outputs = empty([_capacity, _classes], output.dtype, output.device).DetachFromDisposeScope();
        }
        _outputs.narrow(0, _kept, size).copy_(output.detach());
        _kept += size;
    }

    /// <summary>Counts the kept batches (the samples after the ones folded so far) and lets them go.</summary>
    void Fold()
    {
        if (_kept == 0) return;
        using (var scope = NewDisposeScope())
        {
            var outputs = _outputs!.narrow(0, 0, _kept);
            var target = _order is null ? _targets.narrow(0, _folded, _kept) : _targets.index_select(0, _order.narrow(0, _folded, _kept));
            if (_counts is not null)
            {
                using var s = new Optimizers.KeptScalars();
                var cells = target.mul(s[_classes]).add_(outputs.argmax(1), s[1]).bincount(null, _counts.Length);
                using var copied = cells.device_type == DeviceType.CPU ? null : cells.cpu();
                var counted = (copied ?? cells).data<long>();
                for (int i = 0; i < _counts.Length; i++) _counts[i] += counted[i];
            }
            if (_hits.Count > 0)
            {
                // The target is in the top k when fewer than k classes score above it: Keras's in_top_k, where
                // classes tied with the target count for it. Elementwise, so far cheaper than a topk over every row.
                var above = outputs.gt(outputs.gather(1, target.unsqueeze(1))).sum(1);
                using var s = new Optimizers.KeptScalars();
                foreach (var k in _hits.Keys.ToList()) _hits[k] += above.lt(s[k]).sum().item<long>();
            }
        }
        _folded += _kept;
        _kept = 0;
    }

    /// <summary>The counts; the loss sum and correct count come from the caller's loop, which reads them anyway.</summary>
    public EpochCounts Read(long samples, double lossSum, long correct)
    {
        Fold();
        var confusion = _counts is null ? null : new ConfusionCounts(_classes, (long[])_counts.Clone());
        return new EpochCounts(samples, lossSum, correct, confusion, new Dictionary<int, long>(_hits));
    }

    public void Dispose() => _outputs?.Dispose();
}
