using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config.Binding;

/// <summary>Each class of key and value error, with its position and the words that say what would be right.</summary>
public class BindingErrorTests
{
    static void Expect(string yaml, string at, params string[] words)
    {
        var errors = Errors(yaml);
        var error = ErrorAt(errors, yaml, at, words);
        Assert.Equal("exp.yaml", error.File);
    }

    static string Mlp(string find, string replace) => TestExperiments.Mlp.Replace(find, replace);

    [Fact]
    public void The_documented_example_message_for_an_unknown_activation()
    {
        var yaml = Mlp("activation: relu", "activation: rleu");
        var error = ErrorAt(Errors(yaml), yaml, "rleu");
        Assert.Equal("unknown activation 'rleu'. Known: elu, gelu, leaky_relu, linear, relu, selu, sigmoid, silu, softmax, softplus, tanh. Did you mean 'relu'?", error.Message);
        Assert.Equal($"exp.yaml:7:39: {error.Message}", error.ToString());
    }

    [Theory]
    [InlineData("epochs: 5", "epoch: 5", "epoch", "unknown key 'epoch' in train", "Did you mean 'epochs'?")]
    [InlineData("activation: relu", "activaton: relu", "activaton", "no parameter 'activaton'", "Did you mean 'activation'?")]
    [InlineData("name: mlp", "nmae: mlp", "nmae", "unknown key 'nmae' at the top level", "Did you mean 'name'?")]
    [InlineData("split_seed: 42", "split_sed: 42", "split_sed", "unknown key 'split_sed' in data", "Did you mean 'split_seed'?")]
    public void Unknown_keys_anywhere_get_the_nearest_known_key(string find, string replace, string at, string what, string suggestion) =>
        Expect(Mlp(find, replace), at, what, suggestion);

    [Theory]
    [InlineData("epochs: 5", "epochs: five", "five", "train.epochs: expected a whole number, got 'five'")]
    [InlineData("units: 100", "units: [1, 2]", "[1, 2]", "expected a whole number, got a list")]
    [InlineData("batch_size: 32", "batch_size: 3.5", "3.5", "expected a whole number, got '3.5'")]
    [InlineData("input: [28, 28]", "input: 784", "784", "model.input: expected a list of whole numbers")]
    [InlineData("split_seed: 42", "one_hot: yes", "yes", "expected true or false", "YAML 1.2 reads it as text")]
    [InlineData("metrics: [accuracy]", "metrics: accuracy", "accuracy\n", "train.metrics: expected a list")]
    public void Wrong_types_say_what_was_expected(string find, string replace, string at, params string[] words) =>
        Expect(Mlp(find, replace), at, words);

    [Theory]
    [InlineData("epochs: 5", "epochs: 0", "0\n", "train.epochs: 0 is out of range; it must be >= 1")]
    [InlineData("batch_size: 32", "batch_size: -4", "-4", "train.batch_size: -4 is out of range; it must be >= 1")]
    [InlineData("validation_split: 0.2", "validation_split: 1.0", "1.0", "data.validation_split: 1 is out of range; it must be in [0, 1)")]
    [InlineData("optimizer: adam", "optimizer: {adam: {learning_rate: -0.1}}", "-0.1", "learning_rate: -0.1 is out of range; it must be > 0")]
    [InlineData("- flatten", "- flatten\n    - dropout: {rate: 1.5}", "1.5", "rate: 1.5 is out of range; it must be in [0, 1)")]
    public void Out_of_range_values_say_the_range(string find, string replace, string at, params string[] words) =>
        Expect(Mlp(find, replace), at, words);

    [Theory]
    [InlineData("units: 100", "units: 99999999999999", "99999999999999", "absurdly large", "at most 2,147,483,647")]
    [InlineData("optimizer: adam", "optimizer: {adam: {learning_rate: 1e400}}", "1e400", "absurdly large")]
    [InlineData("epochs: 5", "epochs: 0x7FFFFFFFFFFFFFFFFFFF", "0x7F", "absurdly large")]
    public void Absurdly_large_numbers_are_refused(string find, string replace, string at, params string[] words) =>
        Expect(Mlp(find, replace), at, words);

    [Fact]
    public void Missing_required_fields_point_at_their_section()
    {
        var yaml = Mlp("dense: {units: 100, activation: relu}", "dense: {activation: relu}").Replace("fashion_mnist", "{}").Replace("dataset: {}, ", "");
        var errors = Errors(yaml);
        ErrorAt(errors, yaml, "{validation_split", "data: missing required key 'dataset'");
        ErrorAt(errors, yaml, "dense: {activation", "layer 'dense' needs 'units'");
        var noModel = Errors("data: {dataset: mnist}\n");
        ErrorAt(noModel, 1, 1, "missing required section 'model'");
    }

    [Theory]
    [InlineData("- flatten", "- flaten", "flaten", "unknown layer 'flaten'", "Did you mean 'flatten'?")]
    [InlineData("optimizer: adam", "optimizer: adma", "adma", "unknown optimizer 'adma'", "Known: adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd.")]
    [InlineData("loss: sparse_categorical_crossentropy", "loss: sparse_crossentropy", "sparse_crossentropy", "unknown loss 'sparse_crossentropy'")]
    [InlineData("metrics: [accuracy]", "metrics: [acuracy]", "acuracy", "unknown metric 'acuracy'", "Did you mean 'accuracy'?")]
    [InlineData("fashion_mnist", "fashion_mnsit", "fashion_mnsit", "unknown dataset 'fashion_mnsit'", "Did you mean 'fashion_mnist'?")]
    [InlineData("activation: relu", "activation: relu, kernel_initializer: glorot_unifrom", "glorot_unifrom", "unknown initializer 'glorot_unifrom'", "Did you mean 'glorot_uniform'?")]
    public void Unknown_names_list_the_known_ones_and_the_nearest(string find, string replace, string at, params string[] words) =>
        Expect(Mlp(find, replace), at, words);

    [Theory]
    [InlineData("optimizer: {adam: {momentum: 0.9}}")]
    [InlineData("optimizer: {name: adam, momentum: 0.9}")]
    public void An_optimizer_parameter_the_optimizer_lacks_is_named(string optimizer) =>
        Expect(Mlp("optimizer: adam", optimizer), "momentum", "optimizer 'adam' has no parameter 'momentum'", "Known: amsgrad, beta_1");

    [Fact]
    public void All_errors_of_a_file_are_reported_at_once_in_line_order()
    {
        var yaml = Mlp("epochs: 5", "epochs: five").Replace("activation: relu", "activation: rleu").Replace("optimizer: adam", "optimizer: adma");
        var errors = Errors(yaml);
        Assert.Equal(3, errors.Count);
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column), errors);
    }

    [Fact]
    public void Early_stopping_and_report_monitors_need_a_validation_split_for_val_metrics()
    {
        var yaml = Mlp("validation_split: 0.2, ", "") + "\n  early_stopping: {monitor: val_loss, patience: 2}\nreport: {metric: val_acc}\n";
        var errors = Errors(yaml);
        ErrorAt(errors, yaml, "val_loss", "'val_loss' needs a validation set", "validation_split: 0.2", "or use 'loss'");
        ErrorAt(errors, yaml, "val_acc", "unknown metric 'val_acc'", "Did you mean 'val_accuracy'? (it needs data.validation_split > 0)");
    }

    [Fact]
    public void A_synthetic_dataset_over_a_gigabyte_of_values_is_refused_at_its_parameters()
    {
        // A million 4096x4096 images passed each parameter's range: run (or serve, from a results folder's
        // config.yaml) asked libtorch for 64 TB. A size that fits the machine's memory is worse: it is taken.
        var yaml = "data: {dataset: {synthetic: {train_samples: 100000, image_size: 64}}}\n"
            + "model:\n  layers: [flatten, {dense: {units: 10, activation: softmax}}]\ntrain: {epochs: 1}\n";
        ErrorAt(Errors(yaml), yaml, "{synthetic", "data.train_samples:", "are 411,688,960 values, over the limit of 268,435,456 (1 GB)");
        Assert.NotNull(TestExperiments.Valid(yaml.Replace("100000", "60000")));
    }
}
