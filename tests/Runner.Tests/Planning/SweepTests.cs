using Runner.Planning;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Planning;

/// <summary>Every sweep form: which runs, in which order, with which ids and values.</summary>
public class SweepTests
{
    static readonly string Template = TestExperiments.MlpWithVariables;

    static IReadOnlyList<string> Ids(string yaml, params string[] overrides) =>
        Valid(yaml, overrides).Runs.Select(r => r.Id).ToList();

    [Fact]
    public void A_grid_is_the_cartesian_product_with_the_first_axis_slowest()
    {
        var loaded = Valid(Template + "\nsweep:\n  optimizer: [sgd, rmsprop, adam]\n  activation: [sigmoid, relu]\n  seed: [1, 2, 3]\n");
        Assert.Equal(["optimizer", "activation", "seed"], loaded.AxisNames);
        Assert.Equal(18, loaded.Runs.Count);
        Assert.Equal(["optimizer=sgd,activation=sigmoid,seed=1", "optimizer=sgd,activation=sigmoid,seed=2", "optimizer=sgd,activation=sigmoid,seed=3",
                      "optimizer=sgd,activation=relu,seed=1"], loaded.Runs.Take(4).Select(r => r.Id));
        var last = loaded.Runs[^1];
        Assert.Equal("optimizer=adam,activation=relu,seed=3", last.Id);
        Assert.Equal(("adam", "relu", 3), (last.Experiment.Train.Optimizer.Name, last.Experiment.Model.Layers[1].Arguments.Component("activation").Name, last.Experiment.Train.Seed));
        Assert.Equal([new("optimizer", "adam"), new("activation", "relu"), new KeyValuePair<string, string>("seed", "3")], last.AxisValues);
        Assert.Equal($"{last.Id}-{last.Hash}", last.DirectoryName);
        Assert.Equal(18, loaded.Runs.Select(r => r.Hash).Distinct().Count());
    }

    [Fact]
    public void Dotted_path_axes_set_values_anywhere_including_list_positions()
    {
        var loaded = Valid(TestExperiments.Mlp + "\nsweep:\n  train.batch_size: [32, 128]\n  model.layers.1.dense.units: [50, 200]\n");
        Assert.Equal(["train.batch_size=32,model.layers.1.dense.units=50", "train.batch_size=32,model.layers.1.dense.units=200",
                      "train.batch_size=128,model.layers.1.dense.units=50", "train.batch_size=128,model.layers.1.dense.units=200"],
            loaded.Runs.Select(r => r.Id));
        Assert.Equal((128, 200), (loaded.Runs[3].Experiment.Train.BatchSize, loaded.Runs[3].Experiment.Model.Layers[1].Arguments.Int("units")));
        Assert.Equal(784 * 200 + 200 + 2010, loaded.Runs[3].ModelPlan.TotalParameters);
    }

    [Fact]
    public void Whole_sub_trees_can_be_axis_values_and_render_compactly_in_ids()
    {
        var yaml = Template.Replace("${activation}", "relu") +
            "\nsweep:\n  optimizer: [{name: sgd, learning_rate: 0.1, momentum: 0.9}, {adam: {amsgrad: true}}, rmsprop]\n" +
            "  model.layers.1.dense: [{units: 50}, {units: 100, activation: tanh}]\n";
        var loaded = Valid(yaml);
        Assert.Equal("optimizer=sgd(learning_rate=0.1,momentum=0.9),model.layers.1.dense=(units=50)", loaded.Runs[0].Id);
        Assert.Equal("optimizer=adam(amsgrad=true),model.layers.1.dense=(units=100,activation=tanh)", loaded.Runs[3].Id);
        Assert.Equal(new KeyValuePair<string, string>("optimizer", "sgd(learning_rate=0.1,momentum=0.9)"), loaded.Runs[0].AxisValues[0]);
        Assert.True(loaded.Runs[3].Experiment.Train.Optimizer.Arguments.Bool("amsgrad"));
        Assert.Equal("tanh", loaded.Runs[3].Experiment.Model.Layers[1].Arguments.Component("activation").Name);
        Assert.Equal(6, loaded.Runs.Count);
    }

    [Fact]
    public void Zip_axes_vary_together()
    {
        var yaml = Template.Replace("${activation}", "relu").Replace("${optimizer}", "{sgd: {learning_rate: ${lr}}}") +
            "\nsweep:\n  zip:\n    lr: [0.1, 0.01]\n    train.batch_size: [256, 32]\n  seed: [1, 2]\n";
        var loaded = Valid(yaml);
        Assert.Equal(["lr=0.1,train.batch_size=256,seed=1", "lr=0.1,train.batch_size=256,seed=2",
                      "lr=0.01,train.batch_size=32,seed=1", "lr=0.01,train.batch_size=32,seed=2"], loaded.Runs.Select(r => r.Id));
        Assert.Equal((0.01, 32), (loaded.Runs[2].Experiment.Train.Optimizer.Arguments.Float("learning_rate"), loaded.Runs[2].Experiment.Train.BatchSize));
        // a list of groups: each zip group is one factor
        Assert.Equal(4, Valid(yaml.Replace("  zip:\n    lr: [0.1, 0.01]\n    train.batch_size: [256, 32]\n",
            "  zip:\n    - {lr: [0.1, 0.01]}\n    - {train.batch_size: [256, 32], train.epochs: [1, 2]}\n").Replace("  seed: [1, 2]\n", "")).Runs.Count);
    }

    [Fact]
    public void Random_samples_are_drawn_from_a_seeded_generator_and_rounded()
    {
        var yaml = Template.Replace("${optimizer}", "{adam: {learning_rate: ${lr}}}").Replace("units: 100", "units: ${units}") +
            "\nsweep:\n  random:\n    samples: 6\n    seed: 3\n    lr: {loguniform: [0.0001, 0.1]}\n    units: {int: [32, 64]}\n" +
            "    activation: {choice: [relu, tanh]}\n    train.optimizer.beta_1: {uniform: [0.8, 0.99]}\n";
        var yamlWithPathAxis = yaml.Replace("{adam: {learning_rate: ${lr}}}", "{name: adam, learning_rate: ${lr}}");
        var first = Valid(yamlWithPathAxis).Runs;
        Assert.Equal(6, first.Count);
        Assert.Equal(first.Select(r => r.Id), Valid(yamlWithPathAxis).Runs.Select(r => r.Id)); // same seed, same samples
        foreach (var run in first)
        {
            var optimizer = run.Experiment.Train.Optimizer.Arguments;
            Assert.InRange(optimizer.Float("learning_rate"), 0.0001, 0.1);
            Assert.InRange(optimizer.Float("beta_1"), 0.8, 0.99);
            Assert.InRange(run.Experiment.Model.Layers[1].Arguments.Int("units"), 32, 64);
            Assert.Contains(run.Experiment.Model.Layers[1].Arguments.Component("activation").Name, new[] { "relu", "tanh" });
            var lr = run.AxisValues[0].Value;
            Assert.True(lr.TrimStart('0', '.').TrimEnd('0').Replace(".", "").Replace("e-", "").Length <= 6, lr); // 4 significant digits
        }
        Assert.StartsWith("lr=", first[0].Id);
        Assert.NotEqual(first.Select(r => r.Id), Valid(yamlWithPathAxis.Replace("seed: 3", "seed: 4")).Runs.Select(r => r.Id));
    }

    [Fact]
    public void Repeats_make_a_seed_axis_that_sets_train_seed()
    {
        var loaded = Valid(Template.Replace("${activation}", "relu") + "\nsweep:\n  optimizer: [sgd, adam]\n  repeats: 3\n");
        Assert.Equal(["optimizer", "seed"], loaded.AxisNames);
        Assert.Equal(["optimizer=sgd,seed=1", "optimizer=sgd,seed=2", "optimizer=sgd,seed=3",
                      "optimizer=adam,seed=1", "optimizer=adam,seed=2", "optimizer=adam,seed=3"], loaded.Runs.Select(r => r.Id));
        Assert.Equal([1, 2, 3, 1, 2, 3], loaded.Runs.Select(r => r.Experiment.Train.Seed));
        // a written seed axis works the same, and ${seed} may also be used explicitly
        Assert.Equal([5, 6], Valid(TestExperiments.Mlp + "\nsweep: {seed: [5, 6]}\n").Runs.Select(r => r.Experiment.Train.Seed));
        Assert.Equal([5, 6], Valid(TestExperiments.Mlp + "\n  seed: ${seed}\nsweep: {seed: [5, 6]}\n").Runs.Select(r => r.Experiment.Train.Seed));
    }

    [Fact]
    public void Include_keeps_only_matching_runs_and_exclude_drops_them()
    {
        var sweep = "\nsweep:\n  optimizer: [sgd, rmsprop, adam]\n  activation: [sigmoid, relu]\n";
        Assert.Equal(["optimizer=sgd,activation=relu", "optimizer=adam,activation=sigmoid", "optimizer=adam,activation=relu"],
            Ids(Template + sweep + "  include: [{activation: relu}, {optimizer: adam}]\n  exclude: [{optimizer: rmsprop}]\n"));
        Assert.Equal(5, Ids(Template + sweep + "  exclude:\n    - {optimizer: sgd, activation: sigmoid}\n").Count);
        Assert.Equal(["train.batch_size=32", "train.batch_size=128"],
            Ids(TestExperiments.Mlp + "\nsweep:\n  train.batch_size: [32, 64, 128]\n  exclude: [{train.batch_size: 64.0}]\n"));
    }

    [Fact]
    public void A_variable_inside_longer_text_is_spliced_in()
    {
        using var folder = new TempFolder();
        var path = folder["fold.yaml"];
        TestExperiments.WriteCsv(folder["folds/part-1.csv"]);
        TestExperiments.WriteCsv(folder["folds/part-2.csv"]);
        File.WriteAllText(path, "data: {dataset: csv, path: \"folds/part-${fold}.csv\"}\nmodel: {input: [4], layers: [{dense: {units: 3}}]}\nsweep: {fold: [1, 2]}\n");
        var result = global::Runner.Planning.ExperimentLoader.Load(path, [], Options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([folder["folds/part-1.csv"], folder["folds/part-2.csv"]],
            result.Experiment!.Runs.Select(r => r.Experiment.Data.Dataset.Arguments.Text("path")));
    }

    [Fact]
    public void Without_a_sweep_there_is_exactly_one_run_named_run_hash()
    {
        foreach (var sweep in new[] { "", "\nsweep:\n", "\nsweep: {}\n" })
        {
            var run = Assert.Single(Valid(TestExperiments.Mlp + sweep).Runs);
            Assert.Equal(("run", $"run-{run.Hash}"), (run.Id, run.DirectoryName));
        }
    }

    [Fact]
    public void Unsafe_file_name_characters_in_values_are_replaced()
    {
        var yaml = TestExperiments.Mlp.Replace("optimizer: adam", "optimizer: ${optimizer}") +
                   "\nsweep: {optimizer: [adam, \"sgd\", {name: sgd, learning_rate: 0.5}]}\n";
        Assert.All(Ids(yaml), id => Assert.Equal(RunIdentity.Safe(id), id));
        Assert.Equal("optimizer=adam", Ids(yaml)[0]);
        Assert.Equal("optimizer=sgd(learning_rate=0.5)", Ids(yaml)[2]);
        Assert.Equal("cuda_0_a_b_c", RunIdentity.Safe("cuda:0/a b\\c"));
    }

    [Fact]
    public void The_run_limit_is_an_option()
    {
        var yaml = Template + "\nsweep:\n  optimizer: [sgd, rmsprop, adam]\n  activation: [sigmoid, relu]\n  repeats: 10\n";
        Assert.Equal(60, Load(yaml, Options with { MaxRuns = 60 }).Experiment!.Runs.Count);
        var error = Assert.Single(Load(yaml, Options with { MaxRuns = 59 }).Errors);
        Assert.Contains("sweep: 60 runs, more than the limit of 59", error.Message);
        Assert.Contains("--max-runs 60", error.Message);
    }
}
