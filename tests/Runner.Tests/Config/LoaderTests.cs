using Runner.Models.Specs;

namespace Runner.Tests.Config;

public class LoaderTests
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
    }
}
