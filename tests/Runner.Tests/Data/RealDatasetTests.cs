using Runner.Config;
using Runner.Data;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Tests.Data;

[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RealDatasetTests
{
    [Theory]
    [InlineData("mnist", new long[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 })]
    [InlineData("fashion_mnist", new long[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 })]
    public void The_real_dataset_has_60000_train_and_10000_test_images_in_0_to_1(string name, long[] firstLabels)
    {
        var raw = name == "mnist" ? RealDatasets.Mnist : RealDatasets.FashionMnist;

        Assert.Equal(new long[] { 60000, 28, 28 }, raw.TrainImages.shape);
        Assert.Equal(new long[] { 10000, 28, 28 }, raw.TestImages.shape);
        Assert.Equal(new long[] { 60000 }, raw.TrainLabels.shape);
        Assert.Equal(new long[] { 10000 }, raw.TestLabels.shape);
        Assert.Equal(ScalarType.Float32, raw.TrainImages.dtype);
        Assert.Equal(ScalarType.Int64, raw.TrainLabels.dtype);
        Assert.Equal(new Shape(28, 28), raw.SampleShape);
        Assert.Equal(10, raw.Classes);
        using (var first = raw.TrainLabels.narrow(0, 0, 10)) Assert.Equal(firstLabels, first.data<long>().ToArray());
        foreach (var images in new[] { raw.TrainImages, raw.TestImages })
        {
            using var min = images.min();
            using var max = images.max();
            Assert.Equal(0f, min.item<float>());
            Assert.Equal(1f, max.item<float>());
        }
        // Every class is there: Fashion-MNIST has exactly 6000 of each, MNIST between 5421 and 6742.
        using var counts = raw.TrainLabels.bincount(null, 10);
        var perClass = counts.data<long>().ToArray();
        Assert.All(perClass, c => Assert.InRange(c, name == "mnist" ? 5421 : 6000, name == "mnist" ? 6742 : 6000));
    }

    [Fact]
    public void Class_names_are_digits_for_mnist_and_clothes_for_fashion()
    {
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], RealDatasets.Mnist.ClassNames);
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            RealDatasets.FashionMnist.ClassNames);
    }

    [Fact]
    public void The_keras_tutorial_split_of_fashion_mnist_is_48000_train_and_12000_validation()
    {
        using var data = DataPreparation.Prepare(RealDatasets.FashionMnist,
            new DataSpec(ComponentSpec.Of("fashion_mnist"), 0.2, 42, false, null, null));

        Assert.Equal(48000, data.TrainCount);
        Assert.Equal(12000, data.ValidationX!.shape[0]);
        Assert.Equal(10000, data.TestX.shape[0]);
        // Both parts keep roughly the 10% share of every class.
        using var shares = data.ValidationY!.bincount(null, 10).to_type(ScalarType.Float32).div(12000f);
        Assert.True(shares.sub(0.1f).abs().max().item<float>() < 0.01f);
    }
}
