using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Planning;

/// <summary>Sweep mistakes are positioned errors, and an error in a swept value points at the sweep entry.</summary>
public class SweepErrorTests
{
    static readonly string Template = TestExperiments.MlpWithVariables;

    static void Expect(string yaml, string at, params string[] words) => ErrorAt(Errors(yaml), yaml, at, words);

    [Fact]
    public void An_empty_axis_is_an_error()
    {
        var yaml = Template + "\nsweep:\n  optimizer: []\n  activation: [relu]\n";
        Expect(yaml, "[]\n", "sweep.optimizer: the axis is empty", "at least one value");
        Assert.Single(Errors(yaml)); // the undefined ${optimizer} it causes is not reported again
    }

    [Fact]
    public void A_variable_used_but_not_defined_is_an_error_at_its_use()
    {
        Expect(Template + "\nsweep:\n  optimizer: [sgd]\n  activaton: [relu]\n", "${activation}", "${activation} is not defined in the sweep", "Did you mean 'activaton'?");
        Expect(Template.Replace("${optimizer}", "adam"), "${activation}", "no sweep to define it");
    }

    [Fact]
    public void An_axis_used_nowhere_is_an_error_at_its_key()
    {
        var yaml = Template + "\nsweep:\n  optimizer: [sgd]\n  activation: [relu]\n  dropout: [0.1, 0.2]\n";
        Expect(yaml, "dropout", "sweep axis 'dropout' is used nowhere", "${dropout}");
    }

    [Fact]
    public void A_dotted_path_that_points_nowhere_is_an_error_at_the_axis()
    {
        var mlp = TestExperiments.Mlp;
        Expect(mlp + "\nsweep: {model.layers.5.dense.units: [1, 2]}\n", "5.dense", "points nowhere", "list of 3", "0..2");
        Expect(mlp + "\nsweep: {train.optimizer.momentum: [0.9]}\n", "momentum", "points nowhere", "train.optimizer is the value 'adam'");
        Expect(mlp + "\nsweep: {train.batchsize: [32]}\n", "batchsize", "unknown key 'batchsize' in train", "Did you mean 'batch_size'?");
        Expect(mlp + "\nsweep: {trian.epochs: [1]}\n", "trian", "unknown key 'trian' at the top level", "Did you mean 'train'?");
    }

    [Fact]
    public void An_error_in_a_swept_value_points_at_the_sweep_entry()
    {
        var yaml = Template + "\nsweep:\n  optimizer: [sgd, {name: adam, momentum: 0.9}]\n  activation: [relu, rleu]\n";
        var errors = Errors(yaml);
        Assert.Equal(2, errors.Count); // each reported once, though several runs hit them
        ErrorAt(errors, yaml, "rleu", "unknown activation 'rleu'", "Did you mean 'relu'?");
        ErrorAt(errors, yaml, "momentum", "optimizer 'adam' has no parameter 'momentum'");
        var epochs = TestExperiments.Mlp + "\nsweep: {train.epochs: [1, five]}\n";
        Expect(epochs, "five", "train.epochs: expected a whole number");
    }

    [Fact]
    public void A_run_count_above_the_limit_says_how_many_and_how_to_override()
    {
        var yaml = TestExperiments.Mlp + "\nsweep:\n  train.batch_size: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  train.epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" +
                   "  train.seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  data.split_seed: [1, 2]\n";
        var error = Assert.Single(Errors(yaml));
        Assert.Equal((16, 3), (error.Line, error.Column));
        Assert.Equal("sweep: 2,000 runs, more than the limit of 1,000; remove axes or values, or raise the limit with --max-runs 2000", error.Message);
    }

    [Fact]
    public void A_billion_runs_are_refused_without_enumerating_them()
    {
        var values = "[" + string.Join(", ", Enumerable.Range(1, 1000)) + "]";
        var yaml = TestExperiments.Mlp + $"\nsweep:\n  train.seed: {values}\n  data.split_seed: {values}\n  train.threads: {values}\n  exclude: [{{train.seed: 1}}]\n";
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Single(Errors(yaml));
        Assert.Contains("1,000,000,000 runs before include/exclude", error.Message);
        Assert.True(started.Elapsed.TotalSeconds < 5);
    }

    [Theory]
    [InlineData("  zip: {lr: [0.1, 0.01], train.batch_size: [32]}\n", "{lr", "lr has 2, train.batch_size has 1")]
    [InlineData("  zip: [0.1]\n", "0.1]", "sweep.zip: expected a mapping")]
    [InlineData("  lr: 0.1\n", "0.1", "an axis is a list of values")]
    [InlineData("  lr: [0.1]\n  zip: {lr: [0.2]}\n", "lr: [0.2]", "axis 'lr' is defined twice (first at line 16)")]
    [InlineData("  random: {seed: 1, lr: {uniform: [0.1, 0.01]}}\n", "{seed", "sweep.random: missing required key 'samples'")]
    [InlineData("  random: {samples: 2, lr: {uniform: [0.1, 0.01]}}\n", "[0.1, 0.01]", "low (0.1) must be below high (0.01)")]
    [InlineData("  random: {samples: 2, lr: {loguniform: [0, 0.1]}}\n", "[0, 0.1]", "bounds must be > 0")]
    [InlineData("  random: {samples: 2, lr: {gaussian: [0, 1]}}\n", "gaussian", "unknown distribution 'gaussian'")]
    [InlineData("  random: {samples: 2, lr: {int: [1.5, 3]}}\n", "[1.5, 3]", "bounds must be whole numbers")]
    [InlineData("  random: {samples: 0, lr: {choice: [0.1]}}\n", "0,", "samples: 0 is out of range")]
    [InlineData("  repeats: 0\n", "0\n", "sweep.repeats: 0 is out of range")]
    [InlineData("  lr: [0.1]\n  include: [{lr: 0.5}]\n", "0.5", "0.5 is not a value of axis 'lr'")]
    [InlineData("  lr: [0.1]\n  exclude: [{rl: 0.1}]\n", "rl", "'rl' is not an axis of this sweep", "Did you mean 'lr'?")]
    [InlineData("  lr: [0.1, 0.2]\n  exclude: [{lr: 0.1}, {lr: 0.2}]\n", "lr: [0.1", "include/exclude leave no runs")]
    [InlineData("  lr: [0.1, 0.10]\n", "lr: [0.1", "resolve to the same config", "'lr=0.1' and 'lr=0.10'")]
    [InlineData("  seed: [1]\n  repeats: 2\n", "repeats", "axis 'seed' is defined twice")]
    [InlineData("  bad-name: [1]\n", "bad-name", "neither a variable name")]
    public void Malformed_sweeps_are_positioned_errors(string sweep, string at, params string[] words)
    {
        var yaml = TestExperiments.Mlp.Replace("optimizer: adam", "optimizer: {adam: {learning_rate: ${lr}}}") + "\nsweep:\n" + sweep;
        if (!sweep.Contains("lr")) yaml = TestExperiments.Mlp + "\nsweep:\n" + sweep;
        var (line, column) = Where(yaml, at, after: "sweep:");
        ErrorAt(Errors(yaml), line, column, words);
    }

    [Fact]
    public void A_fixed_train_seed_conflicts_with_a_seed_axis()
    {
        var yaml = TestExperiments.Mlp + "\n  seed: 5\nsweep: {repeats: 3}\n";
        var (line, column) = Where(yaml, "5\n", after: "  seed: 5");
        ErrorAt(Errors(yaml), line, column, "train.seed is fixed at 5 while the sweep varies 'seed'", "${seed}");
    }

    [Fact]
    public void Variables_are_not_allowed_in_keys_and_must_be_names()
    {
        Expect(TestExperiments.Mlp + "\n  ${key}: 1\nsweep: {key: [1]}\n", "${key}", "variables can't be used in keys");
        Expect(TestExperiments.Mlp.Replace("name: mlp", "name: ${a b}"), "${a b}", "is not a variable");
    }

    [Fact]
    public void The_name_must_not_vary_between_runs()
    {
        Expect(TestExperiments.Mlp.Replace("name: mlp", "name: mlp-${x}") + "\nsweep: {x: [1, 2]}\n", "mlp-${x}", "name differs between runs");
    }
}
