using static TorchSharp.torch;

namespace Runner.Training.Fused;

/// <summary>
/// An epoch's batch orders for an array whose slices that draw the same order are consecutive (runs with
/// one seed draw one shuffle order: see <see cref="Arrange"/>): each such group's batch is gathered once,
/// and the stacked model's first dense layer multiplies it once for the whole group
/// (<see cref="StackedModel.Forward"/>). The order tensors stay the slices' own.
/// </summary>
public sealed class SharedBatches : IDisposable
{
    readonly Tensor _orders;
    readonly Tensor? _sliceGroup;

    /// <param name="orders">Each slice's order [N], in slice order, equal ones consecutive.</param>
    public SharedBatches(IReadOnlyList<Tensor> orders)
    {
        var sizes = new List<int>();
        var leaders = new List<Tensor>();
        for (int i = 0; i < orders.Count; i++)
        {
            if (i > 0 && Same(orders[i], orders[i - 1])) sizes[^1]++;
            else
            {
                sizes.Add(1);
                leaders.Add(orders[i]);
            }
        }
        Sizes = sizes;
        _orders = stack(leaders.ToArray()).DetachFromDisposeScope();
        if (sizes.Count < orders.Count)
        {
            var groupOf = sizes.SelectMany((size, g) => Enumerable.Repeat((long)g, size)).ToArray();
            _sliceGroup = tensor(groupOf, device: _orders.device).DetachFromDisposeScope();
        }
    }

    /// <summary>How many consecutive slices share each group's batches.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>
    /// A permutation of the slices (new position -> old) that puts slices with equal orders next to each
    /// other, each group where its first slice was, the slices in a group in their given order.
    /// </summary>
    public static IReadOnlyList<int> Arrange(IReadOnlyList<Tensor> orders)
    {
        var leader = new int[orders.Count];
        for (int i = 0; i < orders.Count; i++)
        {
            leader[i] = i;
            for (int j = 0; j < i; j++)
                if (leader[j] == j && Same(orders[i], orders[j]))
                {
                    leader[i] = j;
                    break;
                }
        }
        return Enumerable.Range(0, orders.Count).OrderBy(i => leader[i]).ToList();
    }

    static bool Same(Tensor a, Tensor b)
    {
        using var _ = NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }

    /// <summary>
    /// Batch [start, start + size) of every group: the inputs [G, size, features] and every slice's
    /// targets [K · size], slice by slice.
    /// </summary>
    public (Tensor Inputs, Tensor Targets) Batch(Tensor x, Tensor y, long start, long size)
    {
        var indices = _orders.narrow(1, start, size).reshape(-1);
        var inputs = x.index_select(0, indices).view(Sizes.Count, size, -1);
        var targets = y.index_select(0, indices);
        if (_sliceGroup is not null) targets = targets.view(Sizes.Count, size).index_select(0, _sliceGroup).view(-1);
        return (inputs, targets);
    }

    public void Dispose()
    {
        _orders.Dispose();
        _sliceGroup?.Dispose();
    }
}
