using Runner.Models.Specs;
using Runner.Tests.Data;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config.Binding;

public class BindingTests
{
    const string Minimal = """
        data: {dataset: mnist}
        model:
          input: [28, 28]
          layers: [flatten, {dense: {units: 10, activation: softmax}}]
        """;

    [Fact]
    public void Every_default_is_filled_in()
    {
        var e = Assert.Single(Valid(Minimal).Runs).Experiment;
        Assert.Equal("exp", e.Name); // the file name without extension
        Assert.Equal(0, e.Data.ValidationSplit);
        Assert.Equal(42, e.Data.SplitSeed);
        Assert.False(e.Data.OneHot);
        Assert.Null(e.Data.TrainLimit);
        Assert.Equal("rmsprop", e.Train.Optimizer.Name);
        Assert.Equal(0.9, e.Train.Optimizer.Arguments.Float("rho"));
        Assert.Equal("sparse_categorical_crossentropy", e.Train.Loss.Name);
        Assert.Equal(["accuracy"], e.Train.Metrics.Select(m => m.Name));
        Assert.Equal((1, 32, 0, true, "cpu", 0), (e.Train.Epochs, e.Train.BatchSize, e.Train.Seed, e.Train.Shuffle, e.Train.Device, e.Train.Threads));
        Assert.Null(e.Train.EarlyStopping);
        Assert.Null(e.Pruning);
        Assert.Equal("accuracy", e.Report.Metric); // no validation split, so not val_accuracy
        Assert.False(e.TensorBoard);
        var dense = e.Model.Layers[1].Arguments;
        Assert.Equal("glorot_uniform", dense.Component("kernel_initializer").Name);
        Assert.True(dense.Bool("use_bias"));
    }

    [Theory]
    [InlineData("sgd", 0.01, 0.0)]
    [InlineData("{name: sgd, learning_rate: 0.1, momentum: 0.9}", 0.1, 0.9)]
    [InlineData("{sgd: {learning_rate: 0.1, momentum: 0.9}}", 0.1, 0.9)]
    [InlineData("{SGD: {momentum: 0.9}}", 0.01, 0.9)]
    [InlineData("{sgd: }", 0.01, 0.0)]
    public void A_component_is_a_name_a_mapping_with_name_or_a_single_key(string optimizer, double learningRate, double momentum)
    {
        var e = Assert.Single(Valid(Minimal + $"\ntrain: {{optimizer: {optimizer}}}\n").Runs).Experiment;
        Assert.Equal("sgd", e.Train.Optimizer.Name);
        Assert.Equal(learningRate, e.Train.Optimizer.Arguments.Float("learning_rate"));
        Assert.Equal(momentum, e.Train.Optimizer.Arguments.Float("momentum"));
    }

    [Fact]
    public void Layers_come_in_every_form_and_names_are_case_insensitive()
    {
        var yaml = """
            data: {dataset: mnist}
            model:
              input: [28, 28, 1]
              layers:
                - conv2d: {filters: 4, kernel_size: [3, 5], padding: SAME, activation: ReLU}
                - maxpool2d:
                - Flatten
                - {name: dropout, rate: 0.25}
                - dense: {units: 10, activation: {name: leaky_relu}}
            """;
        var layers = Assert.Single(Valid(yaml).Runs).Experiment.Model.Layers;
        Assert.Equal(["conv2d", "maxpool2d", "flatten", "dropout", "dense"], layers.Select(l => l.Name));
        Assert.Equal(new IntPair(3, 5), layers[0].Arguments.Pair("kernel_size"));
        Assert.Equal("same", layers[0].Arguments.Text("padding"));
        Assert.Equal("relu", layers[0].Arguments.Component("activation").Name);
        Assert.Equal(new IntPair(2, 2), layers[1].Arguments.Pair("pool_size"));
        Assert.Equal(0.25, layers[3].Arguments.Float("rate"));
        var leaky = layers[4].Arguments.Component("activation");
        Assert.Equal("leaky_relu", leaky.Name);
        Assert.NotEmpty(leaky.Arguments); // its own defaults filled in
    }

    [Fact]
    public void Dataset_parameters_sit_beside_or_inside_the_dataset_and_paths_resolve_against_the_file()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["sub"]);
        File.WriteAllLines(folder["sub/digits.csv"], ["y,a,b,c,d", "0,1,2,3,4", "1,1,2,3,4", "2,1,2,3,4", "0,1,2,3,4", "1,1,2,3,4"]);
        var model = "\nmodel: {input: [4], layers: [{dense: {units: 3}}]}\n";
        File.WriteAllText(folder["sub/beside.yaml"], "data: {dataset: csv, path: digits.csv, label_column: y}" + model);
        File.WriteAllText(folder["sub/inside.yaml"], "data: {dataset: {name: csv, path: digits.csv, label_column: y}}" + model);
        foreach (var file in new[] { "beside", "inside" })
        {
            var result = global::Runner.Planning.ExperimentLoader.Load(folder[$"sub/{file}.yaml"], [], Options);
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            var dataset = Assert.Single(result.Experiment!.Runs).Experiment.Data.Dataset;
            Assert.Equal(folder["sub/digits.csv"], dataset.Arguments.Text("path"));
            Assert.Equal("y", dataset.Arguments.Text("label_column"));
            Assert.Equal(file, result.Experiment.Name);
        }
    }

    [Fact]
    public void Early_stopping_true_takes_keras_defaults_and_val_loss_when_there_is_a_split()
    {
        var e = Assert.Single(Valid(TestExperiments.Mlp + "\n  early_stopping: true\n").Runs).Experiment;
        Assert.Equal(new global::Runner.Config.EarlyStoppingSpec("val_loss", 0, 0, false), e.Train.EarlyStopping);
    }

    [Fact]
    public void Pruning_defaults_to_median_after_every_epoch_but_the_last()
    {
        var e = Assert.Single(Valid(TestExperiments.Mlp + "\npruning: {}\n").Runs).Experiment;
        Assert.Equal("median", e.Pruning!.Method);
        Assert.Equal("val_accuracy", e.Pruning.Monitor);
        Assert.Equal([1, 2, 3, 4], e.Pruning.AtEpochs);
        Assert.Equal((3, 0.5), (e.Pruning.MinRuns, e.Pruning.KeepFraction));
        var byReport = Assert.Single(Valid(TestExperiments.Mlp + "\npruning: {method: successive_halving}\nreport: {metric: val_loss}\n").Runs).Experiment;
        Assert.Equal("val_loss", byReport.Pruning!.Monitor);
        Assert.False(byReport.Pruning.Maximize);
    }
}
