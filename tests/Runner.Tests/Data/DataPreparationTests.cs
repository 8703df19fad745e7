using Runner.Config;
using Runner.Data;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class DataPreparationTests : IDisposable
{
    // Row i of the training set holds the value i (image and label), so every row can be traced.
    readonly RawDataset _raw = new(
        arange(100, ScalarType.Float32).reshape(100, 1), arange(100, ScalarType.Int64),
        arange(1000, 1020, ScalarType.Float32).reshape(20, 1), arange(20, ScalarType.Int64),
        new Shape(1), ["a", "b"]);

    public void Dispose() => _raw.Dispose();

    static DataSpec Spec(double split = 0.25, int seed = 42, int? trainLimit = null, int? testLimit = null, bool oneHot = false,
        int? validationLimit = null) =>
        new(ComponentSpec.Of("synthetic"), split, seed, oneHot, trainLimit, testLimit, validationLimit);

    static long[] Rows(Tensor t) => t.reshape(-1).to_type(ScalarType.Int64).data<long>().ToArray();

    [Theory]
    [InlineData(60000, 0.2, 12000)]
    [InlineData(100, 0.25, 25)]
    [InlineData(10, 0.25, 3)]     // ceil(2.5), as train_test_split rounds the test part up
    [InlineData(7, 0.5, 4)]
    [InlineData(1000, 0.1, 100)]
    public void The_validation_part_is_the_split_fraction_rounded_up(long n, double split, long expected) =>
        Assert.Equal(expected, SeededSplit.HeldOutCount(n, split));

    [Fact]
    public void The_split_is_disjoint_covers_every_row_once_and_keeps_images_with_their_labels()
    {
        using var data = DataPreparation.Prepare(_raw, Spec());

        var train = Rows(data.TrainX);
        var validation = Rows(data.ValidationX!);
        Assert.Equal(75, train.Length);
        Assert.Equal(25, validation.Length);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), train.Concat(validation).Order());
        Assert.Equal(train, Rows(data.TrainY));
        Assert.Equal(validation, Rows(data.ValidationY!));
        Assert.NotEqual(Enumerable.Range(0, 75).Select(i => (long)i), train);   // shuffled, not the first rows
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        using var first = DataPreparation.Prepare(_raw, Spec(seed: 7));
        using var again = DataPreparation.Prepare(_raw, Spec(seed: 7));
        using var other = DataPreparation.Prepare(_raw, Spec(seed: 8));

        Assert.Equal(Rows(first.ValidationX!), Rows(again.ValidationX!));
        Assert.Equal(Rows(first.TrainX), Rows(again.TrainX));
        Assert.NotEqual(Rows(first.ValidationX!).Order(), Rows(other.ValidationX!).Order());
    }

    [Fact]
    public void Limits_take_the_first_rows_after_the_split_and_leave_validation_whole()
    {
        using var full = DataPreparation.Prepare(_raw, Spec());
        using var limited = DataPreparation.Prepare(_raw, Spec(trainLimit: 10, testLimit: 4));

        Assert.Equal(Rows(full.TrainX).Take(10), Rows(limited.TrainX));
        Assert.Equal(Rows(full.ValidationX!), Rows(limited.ValidationX!));
        Assert.Equal(new long[] { 1000, 1001, 1002, 1003 }, Rows(limited.TestX));
        Assert.Equal(new long[] { 0, 1, 2, 3 }, Rows(limited.TestY));
        Assert.Equal(10, limited.TrainCount);
    }

    /// <summary>train_limit left validation whole (3,000 training images still validated on 12,000): validation_limit limits it.</summary>
    [Fact]
    public void Validation_limit_takes_the_first_rows_of_the_validation_part()
    {
        using var full = DataPreparation.Prepare(_raw, Spec());
        using var limited = DataPreparation.Prepare(_raw, Spec(trainLimit: 10, validationLimit: 5));

        Assert.Equal(Rows(full.ValidationX!).Take(5), Rows(limited.ValidationX!));
        Assert.Equal(Rows(full.ValidationY!).Take(5), Rows(limited.ValidationY!));
        Assert.Equal(Rows(full.TrainX).Take(10), Rows(limited.TrainX));
        Assert.Empty(Rows(limited.TrainX).Intersect(Rows(full.ValidationX!)));
    }

    [Fact]
    public void Without_a_split_there_is_no_validation_set_and_the_training_rows_keep_their_order()
    {
        using var data = DataPreparation.Prepare(_raw, Spec(split: 0, trainLimit: 5, oneHot: true));

        Assert.Null(data.ValidationX);
        Assert.Null(data.ValidationY);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, Rows(data.TrainX));
        Assert.Equal(20, data.TestX.shape[0]);
        Assert.True(data.OneHot);
        Assert.Equal(2, data.Classes);
    }

    [Fact]
    public void A_limit_above_the_available_rows_keeps_them_all()
    {
        using var data = DataPreparation.Prepare(_raw, Spec(trainLimit: 1000, testLimit: 1000));

        Assert.Equal(75, data.TrainCount);
        Assert.Equal(20, data.TestX.shape[0]);
    }

    [Fact]
    public void Disposing_a_run_s_data_leaves_the_shared_dataset_intact()
    {
        DataPreparation.Prepare(_raw, Spec()).Dispose();
        DataPreparation.Prepare(_raw, Spec(split: 0)).Dispose();

        using var sum = _raw.TrainImages.sum();
        Assert.Equal(4950f, sum.item<float>());
        using var testSum = _raw.TestLabels.sum();
        Assert.Equal(190L, testSum.item<long>());
    }

    [Fact]
    public void A_split_that_leaves_nothing_to_train_on_is_refused()
    {
        using var tiny = new RawDataset(zeros(2, 1), zeros(2, ScalarType.Int64), zeros(1, 1), zeros(1, ScalarType.Int64), new Shape(1), ["a"]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataPreparation.Prepare(tiny, Spec(split: 0.9)));
        Assert.Contains("a split of 0.9 of 2 samples leaves nothing to train on", e.Message);
    }
}
