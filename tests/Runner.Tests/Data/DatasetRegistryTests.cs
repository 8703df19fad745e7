using Runner.Data;
using Runner.Models.Registries;

namespace Runner.Runner.Tests.Data;

public sealed class DatasetRegistryTests
{
    readonly Registry<IDatasetType> _registry = DatasetRegistry.Create();

    [Fact]
    public void Every_dataset_is_registered_and_found_case_insensitively()
    {
        Assert.Equal(["csv", "fashion_mnist", "mnist", "synthetic"], _registry.Names);
        Assert.Equal("fashion_mnist", _registry.Get("Fashion_MNIST").Name);
        Assert.Equal("dataset", _registry.Kind);
    }

    [Fact]
    public void Csv_declares_a_required_path_and_defaults_for_the_kaggle_layout()
    {
        var parameters = _registry.Get("csv").Parameters.ToDictionary(p => p.Name);

        Assert.True(parameters["path"].Required);
        Assert.Equal(ParameterType.Text, parameters["path"].Type);
        Assert.True(parameters["test_path"].Optional);
        Assert.Equal("label", parameters["label_column"].Default);
        Assert.Equal(true, parameters["has_header"].Default);
        Assert.Equal(255.0, parameters["pixel_scale"].Default);
        Assert.True(parameters["image_shape"].Optional);
    }

    [Fact]
    public void Mnist_and_fashion_mnist_take_no_parameters() =>
        Assert.All(new[] { "mnist", "fashion_mnist" }, name => Assert.Empty(_registry.Get(name).Parameters));
}
