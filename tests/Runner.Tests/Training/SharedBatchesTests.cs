using Runner.Training;
using Runner.Training.Fused;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

/// <summary>
/// The batches of an array's slices gathered once per group of slices that draw the same order
/// (<see cref="SharedBatches"/>): runs with one seed draw one shuffle order, so they group; each slice's
/// inputs and targets are those it would gather alone.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SharedBatchesTests
{
    [Fact]
    public void Runs_with_one_seed_group_together_and_each_slice_gets_its_own_batch()
    {
        using var scope = NewDisposeScope();
        int[] seeds = [1, 2, 1, 3, 2, 1];
        const long n = 50;
        var orders = seeds.Select(seed =>
        {
            using var generators = new RunGenerators(seed);
            return randperm(n, generator: generators.Shuffle);
        }).ToList();

        var arranged = SharedBatches.Arrange(orders);
        Assert.Equal([0, 2, 5, 1, 4, 3], arranged);
        using var batches = new SharedBatches(arranged.Select(i => orders[i]).ToList());
        Assert.Equal([3, 2, 1], batches.Sizes);

        var x = arange(n * 4, dtype: ScalarType.Float32).view(n, 2, 2);
        var y = arange(n, dtype: ScalarType.Int64).mul_(7);
        var (inputs, targets) = batches.Batch(x, y, start: 8, size: 5);
        Assert.Equal([3L, 5, 4], inputs.shape);
        Assert.Equal([6L * 5], targets.shape);
        int group = 0, left = batches.Sizes[0];
        for (int slice = 0; slice < arranged.Count; slice++, left--)
        {
            if (left == 0) left = batches.Sizes[++group];
            var own = orders[arranged[slice]].narrow(0, 8, 5);
            Assert.True(inputs[group].equal(x.index_select(0, own).view(5, 4)).all().item<bool>(), $"slice {slice}'s inputs");
            Assert.True(targets.narrow(0, slice * 5, 5).equal(y.index_select(0, own)).all().item<bool>(), $"slice {slice}'s targets");
        }
    }

    [Fact]
    public void Slices_that_draw_different_orders_each_get_a_group()
    {
        using var scope = NewDisposeScope();
        var orders = new[] { 4, 5, 6 }.Select(seed =>
        {
            using var generators = new RunGenerators(seed);
            return randperm(20, generator: generators.Shuffle);
        }).ToList();
        Assert.Equal([0, 1, 2], SharedBatches.Arrange(orders));
        using var batches = new SharedBatches(orders);
        Assert.Equal([1, 1, 1], batches.Sizes);
        var (inputs, targets) = batches.Batch(arange(20L).view(20, 1), arange(20L), 0, 20);
        Assert.Equal([3L, 20, 1], inputs.shape);
        Assert.True(targets.view(3, 20).equal(stack(orders.ToArray())).all().item<bool>());
    }
}
