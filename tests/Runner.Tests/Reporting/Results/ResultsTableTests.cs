using Runner.Results;
using global::Runner.Reporting.Results;

namespace Runner.Tests.Reporting.Results;

public class ResultsTableTests
{
    [Fact]
    public void Reads_every_run_its_history_and_the_sweep_facts()
    {
        using var temp = new TempFolder();
        var table = ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { });

        Assert.Equal(["optimizer", "activation", "seed"], table.Axes);
        Assert.Equal(["optimizer", "activation"], table.ConfigurationAxes);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy"], table.Metrics);
        Assert.Equal(18, table.Runs.Count);
        Assert.Equal(6, table.Configurations.Count);
        Assert.All(table.Configurations, c => Assert.Equal(3, c.Runs.Count));
        Assert.Equal(["sgd", "rmsprop", "adam"], table.ValuesOf("optimizer"));
        Assert.Equal("val_accuracy", table.Metric);
        Assert.True(table.Maximize);
        Assert.Equal(192.5, table.Sweep.WallSeconds);
        Assert.Equal(2, table.Sweep.Machine.Cores);
        Assert.Contains(new KeyValuePair<string, string>("TorchSharp", "0.107.0"), table.Sweep.Packages);
        Assert.NotNull(table.ExperimentYaml);

        var pruned = Assert.Single(table.Runs, r => r.Status == RunStatus.Pruned);
        Assert.Equal(2, pruned.History.Count);
        Assert.Equal("median rule at epoch 2", pruned.Reason);
        var done = table.Runs.First(r => r.IsDone);
        Assert.Equal(5, done.History.Count);
        Assert.Equal([1, 2, 3, 4, 5], done.History.Select(e => e.Epoch));
        Assert.NotNull(done.History[0]["val_accuracy"]);
        Assert.Equal("optimizer=sgd,activation=sigmoid,seed=1", done.RunId);
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "train_seconds", "seconds"], table.HistoryColumns);
    }

    [Fact]
    public void A_failed_run_without_a_folder_is_kept_with_its_reason_and_no_warning()
    {
        using var temp = new TempFolder();
        var warnings = new List<string>();
        var table = ResultsTable.Load(new ResultsFixture().Write(temp.Path), warnings.Add);

        var failed = Assert.Single(table.Runs, r => r.Status == RunStatus.Failed);
        Assert.Empty(failed.History);
        Assert.Equal("out of memory, at epoch 1", failed.Reason);   // quoted comma survives
        Assert.Null(failed.Value("val_accuracy"));
        Assert.Empty(warnings);
        Assert.Empty(table.Warnings);
    }

    [Fact]
    public void Missing_and_half_written_run_files_are_tolerated_and_reported()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var runs = Directory.GetDirectories(Path.Combine(directory, "runs")).Order().ToArray();
        File.Delete(Path.Combine(runs[0], "metrics.csv"));
        Directory.Delete(runs[1], recursive: true);
        // A crash in the middle of a write leaves a short last line.
        File.AppendAllText(Path.Combine(runs[2], "metrics.csv"), "6,0.31,0.8");

        var log = new List<string>();
        var table = ResultsTable.Load(directory, log.Add);

        Assert.Equal(18, table.Runs.Count);
        Assert.Equal(3, table.Warnings.Count);
        Assert.All(table.Warnings, w => Assert.Contains(w, log.Select(l => l.Replace("warning: ", ""))));
        Assert.Contains(table.Warnings, w => w.Contains("malformed row") && w.Contains("metrics.csv"));
        Assert.Equal(5, table.Runs.Single(r => r.Folder == runs[2]).History.Count);
        Assert.Empty(table.Runs.Single(r => r.Folder == runs[1]).History);
    }

    [Fact]
    public void Without_sweep_json_the_axes_come_from_the_runs_csv_header()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        File.Delete(Path.Combine(directory, "sweep.json"));

        var table = ResultsTable.Load(directory, _ => { });

        Assert.Equal(["optimizer", "activation", "seed"], table.Axes);
        Assert.Equal("val_accuracy", table.Metric);
        Assert.Equal("optimizers", table.Sweep.Experiment);
        Assert.Contains(table.Warnings, w => w.Contains("sweep.json"));
    }

    [Fact]
    public void A_folder_without_runs_csv_is_an_error_that_says_so()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => ResultsTable.Load(temp.Path, _ => { }));
        Assert.Contains("runs.csv", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => ResultsTable.Load(Path.Combine(temp.Path, "nope"), _ => { }));
    }

    [Theory]
    [InlineData("mnist", "mnist", "")]
    [InlineData("{name: synthetic, classes: 10, noise: 0.5}", "synthetic", "classes=10,noise=0.5")]
    [InlineData("{name: synthetic, image_size: [8, 6], seed: 3}", "synthetic", "image_size=8x6,seed=3")]
    public void A_runs_config_is_read_through_the_runs_loader_with_typed_dataset_arguments(string dataset, string name, string arguments)
    {
        var (experiment, problem) = RunConfig.Read(Runner.Tests.Reporting.Charts.DataLayerImageSourceTests.ConfigWith(dataset), ".");

        Assert.Null(problem);
        Assert.Equal(name, experiment!.Data.Dataset.Name);
        var given = experiment.Data.Dataset.Arguments.Where(a => arguments.Contains(a.Key + "="))
            .Select(a => $"{a.Key}={(a.Value is global::Runner.Models.Specs.IntPair p ? $"{p.Height}x{p.Width}" : a.Value)}");
        Assert.Equal(arguments, string.Join(",", given));
    }

    [Theory]
    [InlineData(null, "no config.yaml")]
    [InlineData("data: [unclosed\n", "")]
    [InlineData("name: t\ndata: {dataset: imagenet}\nmodel: {layers: [flatten]}\n", "imagenet")]
    public void A_config_that_no_longer_loads_says_why(string? yaml, string expected)
    {
        var (experiment, problem) = RunConfig.Read(yaml, ".");

        Assert.Null(experiment);
        Assert.Contains(expected, problem);
    }
}
