using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Metrics;

/// <summary>
/// Counts one pass over a split for the metrics that need more than the loss and accuracy: the
/// confusion matrix (one, shared by every metric that needs it) and the top-k hits of each k asked for.
/// Per batch it only copies the model's output into a buffer on the device (one copy, no read-back);
/// the buffer is folded into the counts when it is full (it holds at most 2^24 values, a whole epoch of
/// MNIST) and at the end, with one bincount of target * classes + predicted and one top-k over many
/// samples at once. With nothing requested, <see cref="Add"/> does nothing.
/// </summary>
public sealed class EpochTally : IDisposable
{
    public const long DefaultBufferValues = 1 << 24;

    readonly int _classes;
    readonly bool _confusion;
    readonly IReadOnlyList<int> _topK;
    readonly Tensor _targets;
    readonly Tensor? _order;
    readonly long _samples;
    readonly long[]? _counts;
    readonly Dictionary<int, long> _hits = [];
    readonly long _bufferValues;
    Tensor? _buffer;
    long _capacity, _folded, _filled;

    /// <param name="targets">The split's class indices; batches come in the order of <paramref name="order"/> (null: as they are).</param>
    /// <param name="bufferValues">How many output values the buffer holds before it is folded into the counts.</param>
    public EpochTally(int classes, bool confusion, IReadOnlyList<int> topK, Tensor targets, Tensor? order,
        long bufferValues = DefaultBufferValues)
    {
        _bufferValues = bufferValues;
        _classes = classes;
        _confusion = confusion;
        _topK = topK;
        _targets = targets;
        _order = order;
        _samples = targets.shape[0];
        _counts = confusion ? new long[(long)classes * classes] : null;
        foreach (var k in topK) _hits[k] = 0;
    }

    bool CountsNothing => !_confusion && _topK.Count == 0;

    /// <summary>Takes the next batch's output [batch, classes], inside the caller's batch DisposeScope.</summary>
    public void Add(Tensor output)
    {
        if (CountsNothing) return;
        long size = output.shape[0];
        if (_buffer is null)
        {
            _capacity = Math.Min(_samples, Math.Max(size, _bufferValues / _classes));
            _buffer = empty([_capacity, _classes], output.dtype, output.device).DetachFromDisposeScope();
        }
        if (_filled + size > _capacity) Fold();
        _buffer.narrow(0, _filled, size).copy_(output.detach());   // kept out of the autograd graph
        _filled += size;
    }

    /// <summary>Counts what the buffer holds (the samples after the ones folded so far) and empties it.</summary>
    void Fold()
    {
        if (_filled == 0) return;
        using var scope = NewDisposeScope();
        var output = _buffer!.narrow(0, 0, _filled);
        var target = _order is null ? _targets.narrow(0, _folded, _filled) : _targets.index_select(0, _order.narrow(0, _folded, _filled));
        if (_counts is not null)
        {
            var cells = target.mul(_classes).add_(output.argmax(1)).bincount(null, _counts.Length);
            using var copied = cells.device_type == DeviceType.CPU ? null : cells.cpu();
            var counted = (copied ?? cells).data<long>();
            for (int i = 0; i < _counts.Length; i++) _counts[i] += counted[i];
        }
        foreach (var k in _topK)
            // A row's top k are distinct classes, so at most one of them is the target: the matches count the hits.
            _hits[k] += output.topk(Math.Min(k, _classes), dim: 1).indexes.eq(target.unsqueeze(1)).sum().item<long>();
        _folded += _filled;
        _filled = 0;
    }

    /// <summary>The counts; the loss sum and correct count come from the caller's loop, which reads them anyway.</summary>
    public EpochCounts Read(long samples, double lossSum, long correct)
    {
        if (!CountsNothing) Fold();
        var confusion = _counts is null ? null : new ConfusionCounts(_classes, _counts);
        return new EpochCounts(samples, lossSum, correct, confusion, new Dictionary<int, long>(_hits));
    }

    public void Dispose() => _buffer?.Dispose();
}
