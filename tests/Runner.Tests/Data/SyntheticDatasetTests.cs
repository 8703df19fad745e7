using Runner.Data;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class SyntheticDatasetTests
{
    readonly SyntheticDataset _synthetic = new();
    readonly List<string> _log = [];

    RawDataset Load(params (string Name, object Value)[] given) =>
        _synthetic.Load(Arguments.For(_synthetic.Parameters, given), new DataContext(".", _log.Add));

    [Fact]
    public void Defaults_give_2000_train_and_500_test_images_of_28x28_in_10_classes_within_0_to_1()
    {
        using var raw = Load();

        Assert.Equal(new long[] { 2000, 28, 28 }, raw.TrainImages.shape);
        Assert.Equal(new long[] { 500, 28, 28 }, raw.TestImages.shape);
        Assert.Equal(new Shape(28, 28), raw.SampleShape);
        Assert.Equal(10, raw.Classes);
        Assert.Equal(ScalarType.Int64, raw.TrainLabels.dtype);
        using var min = raw.TrainImages.min();
        using var max = raw.TrainImages.max();
        Assert.Equal((0f, 1f), (min.item<float>(), max.item<float>()));
        using var counts = raw.TrainLabels.bincount(null, 10);
        Assert.All(counts.data<long>().ToArray(), c => Assert.InRange(c, 150, 250));
        Assert.Equal("synthetic: 2000 train / 500 test images of 28x28, 10 classes", Assert.Single(_log));
    }

    [Fact]
    public void Loading_more_than_the_generated_values_limit_is_refused_before_any_tensor_is_made()
    {
        var error = Assert.Throws<DataFileException>(() => Load(("train_samples", 1_000_000), ("image_size", new IntPair(4096, 4096))));
        Assert.Contains("over the limit of 268,435,456", error.Message, StringComparison.Ordinal);
        Assert.Empty(_log);
    }

    [Fact]
    public void The_same_seed_gives_identical_tensors_and_another_seed_different_ones()
    {
        using var a = Load(("seed", 3), ("image_size", new IntPair(8, 8)), ("classes", 4));
        using var b = Load(("seed", 3), ("image_size", new IntPair(8, 8)), ("classes", 4));
        using var c = Load(("seed", 4), ("image_size", new IntPair(8, 8)), ("classes", 4));

        Assert.True(a.TrainImages.allclose(b.TrainImages, 0, 0));
        Assert.True(a.TestLabels.allclose(b.TestLabels, 0, 0));
        Assert.False(a.TrainImages.allclose(c.TrainImages, 0, 0));
        Assert.Equal(new long[] { 2000, 8, 8 }, a.TrainImages.shape);
        using var max = a.TrainLabels.max();
        Assert.Equal(3L, max.item<long>());
    }

    [Fact]
    public void Softmax_regression_learns_the_default_dataset_to_high_test_accuracy()
    {
        using var raw = Load();
        using var scope = NewDisposeScope();
        var x = raw.TrainImages.reshape(2000, 784);
        var weights = zeros(784, 10, requires_grad: true);
        var bias = zeros(10, requires_grad: true);
        const float learningRate = 1f;   // full-batch gradient descent
        float firstLoss = 0, lastLoss = 0;
        for (int step = 0; step < 60; step++)
        {
            var loss = nn.functional.cross_entropy(x.matmul(weights).add(bias), raw.TrainLabels);
            loss.backward();
            using (no_grad())
            {
                weights.sub_(weights.grad!.mul(learningRate));
                bias.sub_(bias.grad!.mul(learningRate));
                weights.grad!.zero_();
                bias.grad!.zero_();
            }
            if (step == 0) firstLoss = loss.item<float>();
            lastLoss = loss.item<float>();
        }
        var predicted = raw.TestImages.reshape(500, 784).matmul(weights).add(bias).argmax(1);
        float accuracy = predicted.eq(raw.TestLabels).to_type(ScalarType.Float32).mean().item<float>();

        Assert.True(lastLoss < firstLoss / 4, $"loss {firstLoss} -> {lastLoss}, accuracy {accuracy}");
        Assert.True(accuracy > 0.9f, $"test accuracy {accuracy}");
    }
}
