using Runner.Data;
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Tests.Data;

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

    [Fact]
    public void Validation_can_know_shape_and_classes_before_loading_except_for_csv()
    {
        var synthetic = _registry.Get("synthetic");

        Assert.Equal(new DatasetInfo(new Shape(28, 28), 10, 60_000), _registry.Get("mnist").Describe(Arguments.Empty));
        Assert.Equal(new DatasetInfo(new Shape(28, 28), 10, 60_000), _registry.Get("fashion_mnist").Describe(Arguments.Empty));
        Assert.Equal(new DatasetInfo(new Shape(8, 8), 4, 2000),
            synthetic.Describe(Arguments.For(synthetic.Parameters, ("image_size", new IntPair(8, 8)), ("classes", 4))));
        Assert.Null(_registry.Get("csv").Describe(Arguments.For(_registry.Get("csv").Parameters, ("path", "x.csv"))));
    }
}
