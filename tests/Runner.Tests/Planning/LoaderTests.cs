using Runner.Models.Specs;

namespace Runner.Tests.Planning;

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

public class ValidateManyTests
{
    [Fact]
    public void Every_error_of_every_file_is_listed_at_once_in_file_order()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["good.yaml"], TestExperiments.Mlp);
        File.WriteAllText(folder["two-errors.yaml"], TestExperiments.Mlp.Replace("epochs: 5", "epochs: five").Replace("relu", "rleu"));
        File.WriteAllText(folder["syntax.yaml"], "train: [1\n");
        var paths = new[] { folder["two-errors.yaml"], folder["missing.yaml"], folder["good.yaml"], folder.Path, folder["syntax.yaml"] };

        var errors = global::Runner.Planning.ExperimentLoader.Validate(paths, [], TestExperiments.Options);

        Assert.Equal([paths[0], paths[0], paths[1], paths[3], paths[4]], errors.Select(e => e.File));
        Assert.Equal([(7, 39), (13, 11)], errors.Take(2).Select(e => (e.Line, e.Column)));
        Assert.Contains("no such file", errors[2].Message);
        Assert.Contains("directory", errors[3].Message);
    }

    [Fact]
    public void The_source_path_is_absolute_and_the_default_name_is_the_file_name()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["fashion.relu.yaml"], TestExperiments.Mlp.Replace("name: mlp\n", ""));
        var result = global::Runner.Planning.ExperimentLoader.Load(folder["fashion.relu.yaml"], [], TestExperiments.Options);
        Assert.Equal(folder["fashion.relu.yaml"], result.Experiment!.SourcePath);
        Assert.Equal("fashion.relu", result.Experiment.Name);
        Assert.Empty(result.Experiment.AxisNames);
    }
}

/// <summary>A generated file with hundreds of thousands of errors: the first ones are kept, the rest only noted.</summary>
public class ErrorFloodTests
{
    [Fact]
    public void The_bag_keeps_the_first_distinct_errors_and_notes_that_there_were_more()
    {
        var bag = new global::Runner.Config.Diagnostics.DiagnosticBag();
        const int max = global::Runner.Config.Diagnostics.DiagnosticBag.MaxKept;
        for (int i = 1; i <= max; i++) bag.Add(new global::Runner.Config.Diagnostics.SourcePosition("x.yaml", i, 1), "wrong");
        bag.Add(new global::Runner.Config.Diagnostics.SourcePosition("x.yaml", 1, 1), "wrong");   // a repeat is no new error
        Assert.False(bag.Truncated);
        Assert.Equal(max, bag.Count);

        bag.Add(new global::Runner.Config.Diagnostics.SourcePosition("x.yaml", max + 1, 1), "wrong");
        Assert.True(bag.Truncated);
        Assert.Equal(max, bag.Count);
        Assert.Equal(max + 2, bag.Reports);
    }

    [Fact]
    public void A_file_of_many_unknown_keys_and_a_sweep_reports_the_first_errors_once_and_stops()
    {
        var keys = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"k{i:D5}: 1\n"));
        var text = TestExperiments.Mlp.Replace("batch_size: 32", "batch_size: 32\n  seed: ${seed}") + "\nsweep: {seed: [1, 2, 3, 4, 5]}\n" + keys;
        int firstKeyLine = text.Split('\n').ToList().IndexOf("k00000: 1") + 1;

        var result = global::Runner.Planning.ExperimentLoader.LoadText(text, "flood.yaml", [], TestExperiments.Options);

        Assert.True(result.ErrorsTruncated);
        Assert.Equal(global::Runner.Config.Diagnostics.DiagnosticBag.MaxKept, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("unknown key 'k", e.Message));
        Assert.Equal(Enumerable.Range(firstKeyLine, result.Errors.Count), result.Errors.Select(e => e.Line));
    }
}
