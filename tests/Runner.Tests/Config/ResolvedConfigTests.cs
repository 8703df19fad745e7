using System.Globalization;
using Runner.Config;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config;

public class ResolvedConfigTests
{
    public static TheoryData<string> Experiments => new()
    {
        TestExperiments.Mlp,
        TestExperiments.Mlp + "\n  early_stopping: {monitor: val_accuracy, patience: 2, min_delta: 0.001, restore_best: true}\npruning: {method: successive_halving, at_epochs: [1, 3]}\nreport: {metric: test_accuracy}\ntensorboard: true\n",
        """
        name: cnn.v2_final-1
        data: {dataset: mnist, train_limit: 1000, test_limit: 200, one_hot: true}
        model:
          input: [28, 28, 1]
          layers:
            - conv2d: {filters: 4, kernel_size: [3, 5], strides: 2, padding: same, activation: {name: leaky_relu}, kernel_initializer: he_normal}
            - avgpool2d: {pool_size: 2, strides: 1}
            - batchnorm
            - flatten
            - dropout: {rate: 0.5}
            - dense: {units: 10, activation: softmax, kernel_initializer: {name: random_normal, stddev: 0.05}}
        train:
          optimizer: {name: sgd, learning_rate: 0.5, momentum: 0.9, nesterov: true}
          loss: categorical_crossentropy
          metrics: [accuracy]
          epochs: 3
          batch_size: 100
          seed: 7
          shuffle: false
          threads: 2
        """,
        "data: {dataset: synthetic, classes: 3, image_size: [8, 6], noise: 0.25}\nmodel: {layers: [flatten, {dense: {units: 3}}]}\n",
        "name: \"odd: name\"\ndata: {dataset: csv, path: 'folder with spaces/$${literal}.csv', label_column: \"0\"}\nmodel: {input: [4], layers: [{dense: {units: 3}}]}\n",
    };

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Loading_the_resolved_config_gives_the_same_experiment_and_hash(string yaml)
    {
        TestExperiments.WriteCsv("folder with spaces/${literal}.csv");
        var first = Load(yaml);
        if (yaml.Contains("odd: name"))
        {   // a name that can't be a folder is refused, which is the point of the case: nothing else is
            Assert.Single(first.Errors, e => e.Message.Contains("can't be a folder name"));
            yaml = yaml.Replace("\"odd: name\"", "odd");
            first = Load(yaml);
        }
        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        var run = Assert.Single(first.Experiment!.Runs);
        var again = Assert.Single(Valid(run.ResolvedYaml).Runs);
        Assert.Equal(run.ResolvedYaml, again.ResolvedYaml);
        Assert.Equal(run.Hash, again.Hash);
        Assert.Equal(run.ModelPlan.TotalParameters, again.ModelPlan.TotalParameters);
        Assert.Equal(run.Experiment.Name, again.Experiment.Name);
        Assert.Equal(run.Experiment.Data, again.Experiment.Data with { Dataset = run.Experiment.Data.Dataset });
        Assert.Equal(run.Experiment.Model.Layers.Select(l => l.ToString()), again.Experiment.Model.Layers.Select(l => l.ToString()));
        Assert.Equal(run.Experiment.Train.Optimizer.ToString(), again.Experiment.Train.Optimizer.ToString());
        Assert.Equal(run.Experiment.Train with { Optimizer = null!, Loss = null!, Metrics = null! },
            again.Experiment.Train with { Optimizer = null!, Loss = null!, Metrics = null! });
        Assert.Equal(run.Experiment.Pruning?.AtEpochs, again.Experiment.Pruning?.AtEpochs);
        Assert.Equal(run.Experiment.Report, again.Experiment.Report);
    }

    [Fact]
    public void Strings_keep_literal_dollar_braces_through_the_round_trip()
    {
        TestExperiments.WriteCsv("x/${literal}.csv");
        var yaml = "data: {dataset: csv, path: 'x/$${literal}.csv'}\nmodel: {input: [4], layers: [{dense: {units: 3}}]}\n";
        var run = Assert.Single(Valid(yaml).Runs);
        Assert.EndsWith("x/${literal}.csv", run.Experiment.Data.Dataset.Arguments.Text("path"));
        Assert.EndsWith("x/${literal}.csv", Assert.Single(Valid(run.ResolvedYaml).Runs).Experiment.Data.Dataset.Arguments.Text("path"));
    }

    [Fact]
    public void The_hash_is_stable_and_independent_of_how_the_config_was_written()
    {
        var run = Assert.Single(Valid(TestExperiments.Mlp).Runs);
        Assert.Equal("af0db2b9", run.Hash); // pinned: a change here re-runs every finished sweep
        var sameConfigOtherwiseWritten = """
            train: {epochs: 5, optimizer: {adam: {learning_rate: 0.001}}, batch_size: 32, shuffle: true, seed: 0}
            model:
              layers:
                - Flatten
                - {name: dense, units: 100, activation: RELU, use_bias: true}
                - dense: {units: 10, activation: softmax}
              input: [28, 28]
            data:
              dataset: {name: fashion_mnist}
              split_seed: 42
              validation_split: 0.20
            name: mlp
            """;
        Assert.Equal(run.Hash, Assert.Single(Valid(sameConfigOtherwiseWritten).Runs).Hash);
        Assert.NotEqual(run.Hash, Assert.Single(Valid(TestExperiments.Mlp, "train.seed=1").Runs).Hash);
    }

    [Fact]
    public void Output_is_culture_invariant()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var run = Assert.Single(Valid(TestExperiments.Mlp, "train.optimizer={adam: {learning_rate: 0.0005}}").Runs);
            Assert.Contains("learning_rate: 0.0005", run.ResolvedYaml);
            Assert.Contains("validation_split: 0.2", run.ResolvedYaml);
            Assert.DoesNotContain("0,2", run.ResolvedYaml);
        }
        finally { CultureInfo.CurrentCulture = original; }
    }
}

public class SweepRoundTripTests
{
    [Fact]
    public void Every_run_of_a_sweep_round_trips_through_its_resolved_config()
    {
        var yaml = TestExperiments.Mlp
            .Replace("activation: relu}", "activation: ${activation}}")
            .Replace("optimizer: adam", "optimizer: {adam: {learning_rate: ${lr}}}")
            + "\nsweep:\n  activation: [relu, {name: leaky_relu}]\n  random: {samples: 3, seed: 9, lr: {loguniform: [0.0001, 0.01]}}\n  repeats: 2\n";
        var runs = TestExperiments.Valid(yaml).Runs;
        Assert.Equal(12, runs.Count);
        foreach (var run in runs)
        {
            var again = Assert.Single(TestExperiments.Valid(run.ResolvedYaml).Runs);
            Assert.Equal((run.ResolvedYaml, run.Hash), (again.ResolvedYaml, again.Hash));
        }
    }
}
