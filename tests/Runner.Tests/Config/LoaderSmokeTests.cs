using Runner.Models.Specs;

namespace Runner.Tests.Config;

public class LoaderSmokeTests
{
    [Fact]
    public void The_keras_mlp_loads_as_one_run_with_defaults_filled()
    {
        var loaded = TestExperiments.Valid(TestExperiments.Mlp);
        var run = Assert.Single(loaded.Runs);
        Assert.Equal("run", run.Id);
        Assert.Equal("run-" + run.Hash, run.DirectoryName);
        Assert.Equal(79_510, run.ModelPlan.TotalParameters);
        var e = run.Experiment;
        Assert.Equal("adam", e.Train.Optimizer.Name);
        Assert.Equal(0.001, e.Train.Optimizer.Arguments.Float("learning_rate"));
        Assert.Equal(new Shape(28, 28), e.Model.Input);
        Assert.Equal("relu", e.Model.Layers[1].Arguments.Component("activation").Name);
        Assert.Equal("val_accuracy", e.Report.Metric);
        System.Console.WriteLine(run.ResolvedYaml);
    }
}

public class SweepSmokeTests
{
    [Fact]
    public void The_design_sweep_makes_18_runs_in_written_order()
    {
        var yaml = TestExperiments.Mlp
            .Replace("activation: relu}", "activation: ${activation}}")
            .Replace("optimizer: adam", "optimizer: ${optimizer}")
            + "\nsweep:\n  optimizer: [sgd, rmsprop, adam]\n  activation: [sigmoid, relu]\n  seed: [1, 2, 3]\n";
        var loaded = TestExperiments.Valid(yaml);
        Assert.Equal(18, loaded.Runs.Count);
        Assert.Equal(["optimizer", "activation", "seed"], loaded.AxisNames);
        Assert.Equal("optimizer=sgd,activation=sigmoid,seed=1", loaded.Runs[0].Id);
        Assert.Equal("optimizer=sgd,activation=sigmoid,seed=2", loaded.Runs[1].Id);
        Assert.Equal("optimizer=adam,activation=relu,seed=3", loaded.Runs[17].Id);
        Assert.Equal(3, loaded.Runs[17].Experiment.Train.Seed);
        Assert.Equal(18, loaded.Runs.Select(r => r.Hash).Distinct().Count());
    }
}
