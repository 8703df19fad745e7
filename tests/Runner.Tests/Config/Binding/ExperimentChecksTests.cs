using Runner.Models.Specs;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config.Binding;

/// <summary>Checks across sections: shapes on paper, the dataset's shape and classes, labels vs. loss, memory.</summary>
public class ExperimentChecksTests
{
    const string Cnn = """
        data: {dataset: mnist}
        model:
          input: [28, 28, 1]
          layers:
            - conv2d: {filters: 32, kernel_size: 5, padding: same, activation: relu}
            - maxpool2d: {pool_size: 2}
            - conv2d: {filters: 64, kernel_size: 2, padding: same, activation: relu}
            - maxpool2d: {pool_size: 2}
            - dropout: {rate: 0.25}
            - flatten
            - dense: {units: 1000, activation: relu}
            - dense: {units: 10, activation: softmax}
        train: {optimizer: adam, epochs: 5, batch_size: 32}
        """;

    [Fact]
    public void The_reference_cnn_is_worked_out_on_paper_with_keras_totals()
    {
        var plan = Assert.Single(Valid(Cnn).Runs).ModelPlan;
        Assert.Equal(3_156_098, plan.TotalParameters);
        Assert.Equal(new Shape(10), plan.Output);
    }

    [Fact]
    public void The_input_defaults_to_the_dataset_sample_shape()
    {
        var run = Assert.Single(Valid("data: {dataset: mnist}\nmodel: {layers: [flatten, {dense: {units: 10}}]}\n").Runs);
        Assert.Equal(new Shape(28, 28), run.Experiment.Model.Input);
        Assert.Contains("input: [28, 28]", run.ResolvedYaml);
    }

    [Fact]
    public void A_conv2d_after_flatten_points_at_that_layer()
    {
        var yaml = Cnn.Replace("    - dropout: {rate: 0.25}\n    - flatten\n", "    - flatten\n    - conv2d: {filters: 8, kernel_size: 3}\n");
        ErrorAt(Errors(yaml), yaml, "conv2d: {filters: 8", "model.layers.5 (conv2d)", "flatten");
    }

    [Fact]
    public void A_pool_larger_than_its_input_points_at_the_pool()
    {
        var yaml = Cnn.Replace("- maxpool2d: {pool_size: 2}\n    - dropout", "- maxpool2d: {pool_size: 20}\n    - dropout");
        ErrorAt(Errors(yaml), yaml, "maxpool2d: {pool_size: 20}", "model.layers.3 (maxpool2d)");
    }

    [Fact]
    public void A_last_layer_whose_width_is_not_the_class_count_says_the_right_width()
    {
        var yaml = Cnn.Replace("units: 10,", "units: 12,");
        ErrorAt(Errors(yaml), yaml, "dense: {units: 12", "the last layer gives 12 outputs but mnist has 10 classes", "units: 10");
    }

    [Fact]
    public void A_model_that_does_not_end_in_class_scores_is_an_error_at_its_last_layer()
    {
        var yaml = "data: {dataset: mnist}\nmodel: {input: [28, 28, 1], layers: [{conv2d: {filters: 10, kernel_size: 3}}]}\n";
        ErrorAt(Errors(yaml), yaml, "{conv2d", "not one score per class", "flatten");
    }

    [Fact]
    public void An_input_with_another_element_count_than_the_samples_is_an_error_but_a_reshape_is_fine()
    {
        Valid(Cnn); // [28, 28, 1] for (28, 28) samples: same 784 values
        Valid("data: {dataset: mnist}\nmodel: {input: [784], layers: [{dense: {units: 10}}]}\n");
        var yaml = Cnn.Replace("[28, 28, 1]", "[32, 32, 1]");
        ErrorAt(Errors(yaml), yaml, "[32, 32, 1]", "1,024 values per sample", "[28, 28] = 784", "input: [28, 28]");
    }

    [Fact]
    public void Categorical_crossentropy_needs_one_hot_and_sparse_refuses_it()
    {
        var yaml = Cnn.Replace("optimizer: adam,", "optimizer: adam, loss: categorical_crossentropy,");
        ErrorAt(Errors(yaml), yaml, "categorical_crossentropy", "needs one-hot targets", "one_hot: true", "sparse_categorical_crossentropy");
        Valid(yaml.Replace("{dataset: mnist}", "{dataset: mnist, one_hot: true}"));
        var mse = Cnn.Replace("optimizer: adam,", "optimizer: adam, loss: mse,");
        ErrorAt(Errors(mse), mse, "mse", "mse needs one-hot targets");
        var sparse = Cnn.Replace("{dataset: mnist}", "{dataset: mnist, one_hot: true}");
        ErrorAt(Errors(sparse), sparse, "true", "sparse_categorical_crossentropy takes class indices");
    }

    [Fact]
    public void A_model_too_large_for_memory_is_refused_with_the_numbers()
    {
        var options = Options with { AvailableMemoryBytes = 1024.0 * 1024 * 1024 };
        var yaml = "data: {dataset: mnist}\nmodel: {input: [28, 28], layers: [flatten, {dense: {units: 100000}}, {dense: {units: 10}}]}\n";
        var result = Load(yaml, options);
        // At the layer that needs most of it: that is the line to change.
        var error = ErrorAt(result.Errors, yaml, "{dense: {units: 100000}}", "model.layers.1 (dense) needs most of the memory",
            "the model needs about 1.2 GB to train but 1.0 GB is available",
            "79,500,010 parameters x 4 bytes x 4", "activations at batch size 32", "smaller batch_size");
        Assert.Equal(2, error.Line);
        Assert.True(Load(yaml.Replace("100000", "1000"), options).Succeeded);
    }

    [Fact]
    public void An_absurd_layer_is_refused_by_the_memory_estimate_not_by_an_overflow()
    {
        var yaml = "data: {dataset: mnist}\nmodel: {input: [28, 28, 1], layers: [{conv2d: {filters: 2000000000, kernel_size: 3}}, flatten, {dense: {units: 10}}]}\n";
        ErrorAt(Errors(yaml), yaml, "{conv2d", "model.layers.0 (conv2d) needs most", "to train but");
    }
}
