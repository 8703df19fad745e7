using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Planning;

public class OverrideTests
{
    static global::Runner.Config.Experiment One(params string[] overrides) =>
        Assert.Single(Valid(TestExperiments.Mlp, overrides).Runs).Experiment;

    [Fact]
    public void Set_replaces_values_by_dotted_path_with_yaml_values()
    {
        var e = One("train.epochs=1", "train.optimizer={name: sgd, momentum: 0.9}", "model.layers.1.dense.units=50",
            "data.validation_split=0", "train.metrics=[accuracy, loss]", "name=quick");
        Assert.Equal(1, e.Train.Epochs);
        Assert.Equal(("sgd", 0.9), (e.Train.Optimizer.Name, e.Train.Optimizer.Arguments.Float("momentum")));
        Assert.Equal(50, e.Model.Layers[1].Arguments.Int("units"));
        Assert.Equal(0, e.Data.ValidationSplit);
        Assert.Equal(["accuracy", "loss"], e.Train.Metrics.Select(m => m.Name));
        Assert.Equal("quick", e.Name);
    }

    [Fact]
    public void Set_creates_missing_keys_and_sections()
    {
        var e = One("train.early_stopping.patience=3", "pruning.method=successive_halving");
        Assert.Equal(3, e.Train.EarlyStopping!.Patience);
        Assert.Equal("successive_halving", e.Pruning!.Method);
    }

    [Fact]
    public void Set_of_a_sweep_axis_pins_it_to_the_value_or_the_list()
    {
        var yaml = TestExperiments.Mlp.Replace("optimizer: adam", "optimizer: ${optimizer}") +
                   "\nsweep: {optimizer: [sgd, rmsprop, adam], train.batch_size: [16, 32]}\n";
        Assert.Equal(["optimizer=adam,train.batch_size=16", "optimizer=adam,train.batch_size=32"],
            Valid(yaml, "optimizer=adam").Runs.Select(r => r.Id));
        Assert.Equal(["optimizer=sgd,train.batch_size=64", "optimizer=adam,train.batch_size=64"],
            Valid(yaml, "optimizer=[sgd, adam]", "train.batch_size=64").Runs.Select(r => r.Id));
    }

    [Fact]
    public void Set_comes_before_the_sweep_so_it_can_define_and_reduce_axes()
    {
        var yaml = TestExperiments.Mlp.Replace("optimizer: adam", "optimizer: ${optimizer}") + "\nsweep: {optimizer: [sgd, rmsprop, adam]}\n";
        Assert.Equal(3, Valid(yaml).Runs.Count);
        Assert.Equal(["optimizer=adam"], Valid(yaml, "sweep.optimizer=[adam]").Runs.Select(r => r.Id));
        Assert.Equal(2, Valid(TestExperiments.Mlp, "sweep.train.batch_size=[16, 64]").Runs.Count);
    }

    [Fact]
    public void Override_errors_are_positioned_in_the_argument_like_file_errors()
    {
        var errors = Errors(TestExperiments.Mlp, "train.epochs=five", "train.epoch=1", "epochs", "model.layers.7.units=3", "train.batch_size=[1");
        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.Equal("--set", e.File));
        ErrorAt(errors, 1, 14, "train.epochs: expected a whole number, got 'five'");
        ErrorAt(errors, 2, 7, "unknown key 'epoch' in train", "Did you mean 'epochs'?");
        ErrorAt(errors, 3, 1, "'epochs' is not key=value", "--set train.epochs=1");
        ErrorAt(errors, 4, 14, "points nowhere", "model.layers is a list of 3", "0..2");
        ErrorAt(errors, 5, 18, "closing ']'");
        Assert.Equal("--set:1:14: train.epochs: expected a whole number, got 'five'; write e.g. `epochs: 1`", errors[0].ToString());
    }

    [Fact]
    public void File_errors_come_before_override_errors()
    {
        var errors = Errors(TestExperiments.Mlp.Replace("epochs: 5", "epochs: 0"), "train.batch_size=0");
        Assert.Equal(["exp.yaml", "--set"], errors.Select(e => e.File));
    }
}
