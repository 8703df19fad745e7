using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Metrics;

/// <summary>
/// Counts one pass over a split on the device where the model runs: one confusion matrix (a bincount
/// of target * classes + predicted per batch, added into a classes x classes tensor) shared by every
/// metric that needs it, and the top-k hits of each k asked for. Nothing is read back per batch: the
/// counts cross to the host once, in <see cref="Read"/>. With nothing requested, <see cref="Add"/> does nothing.
/// </summary>
public sealed class EpochTally : IDisposable
{
    readonly int _classes;
    readonly Tensor? _confusion;
    readonly IReadOnlyList<(int K, Tensor Hits)> _topK;

    public EpochTally(int classes, bool confusion, IReadOnlyList<int> topK, Device device)
    {
        _classes = classes;
        // Made outside any batch's DisposeScope, and kept out of one the caller may have open.
        _confusion = confusion ? zeros(classes * classes, dtype: ScalarType.Int64, device: device).DetachFromDisposeScope() : null;
        _topK = topK.Select(k => (k, zeros(1, dtype: ScalarType.Int64, device: device).DetachFromDisposeScope())).ToList();
    }

    /// <summary>Counts one batch: <paramref name="output"/> [batch, classes], class-index targets and arg-max predictions.</summary>
    public void Add(Tensor output, Tensor target, Tensor predicted)
    {
        if (_confusion is null && _topK.Count == 0) return;
        using var scope = NewDisposeScope();
        if (_confusion is not null)
            _confusion.add_(target.mul(_classes).add_(predicted).bincount(null, _classes * _classes));
        foreach (var (k, hits) in _topK)
        {
            var top = output.topk(Math.Min(k, _classes), dim: 1).indexes;
            hits.add_(top.eq(target.unsqueeze(1)).any(1).sum());
        }
    }

    /// <summary>The counts, read from the device once; the loss sum and correct count come from the caller's loop.</summary>
    public EpochCounts Read(long samples, double lossSum, long correct)
    {
        ConfusionCounts? confusion = null;
        if (_confusion is not null)
        {
            using var copied = _confusion.device_type == DeviceType.CPU ? null : _confusion.cpu();
            confusion = new ConfusionCounts(_classes, (copied ?? _confusion).data<long>().ToArray());
        }
        var topK = _topK.ToDictionary(t => t.K, t => t.Hits.item<long>());
        return new EpochCounts(samples, lossSum, correct, confusion, topK);
    }

    public void Dispose()
    {
        _confusion?.Dispose();
        foreach (var (_, hits) in _topK) hits.Dispose();
    }
}
