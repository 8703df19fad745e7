using global::Runner.Reporting;
using global::Runner.Reporting.Charts;
using global::Runner.Models.Specs;
using global::Runner.Reporting.Results;

namespace Runner.Tests.Reporting.Charts;

[Collection(TorchCollection.Name)]
public class DataLayerImageSourceTests
{
    const string Synthetic = "{name: synthetic, train_samples: 40, test_samples: 300, classes: 10, image_size: [12, 10], noise: 0.2, seed: 3}";

    [Fact]
    public void Loads_a_registered_dataset_with_the_config_arguments()
    {
        var dataset = RunConfig.Read(ConfigWith(Synthetic), ".").Experiment!.Data.Dataset;
        var images = new DataLayerImageSource().Load(dataset, ".", _ => { })!;

        Assert.Equal(300, images.Test.Count);
        Assert.Equal(24, images.TrainSamples.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), images.ClassNames);
        var first = images.Test[0];
        Assert.Equal((12, 10, 1, 120), (first.Height, first.Width, first.Channels, first.Pixels.Length));
        Assert.InRange(first.Label, 0, 9);
        // Low-noise synthetic images are mostly black and white: both ends of the byte range occur.
        Assert.Contains(first.Pixels, p => p < 60);
        Assert.Contains(first.Pixels, p => p > 200);
    }

    /// <summary>A resolved config of one run on <paramref name="dataset"/>, as a run folder holds it.</summary>
    public static string ConfigWith(string dataset) =>
        $"name: t\ndata:\n  dataset: {dataset}\nmodel:\n  layers:\n    - flatten\n    - dense: {{units: 10, activation: softmax}}\n";

    [Fact]
    public void A_dataset_this_process_loaded_is_not_read_again()
    {
        using var loaded = new global::Runner.Data.DatasetCache(global::Runner.Data.RunnerRegistries.Datasets);
        var mnist = new ComponentSpec("mnist", Arguments.Empty);
        var sweepLog = new List<string>();
        loaded.Get(mnist, new global::Runner.Data.DataContext(".", sweepLog.Add));
        Assert.Contains(sweepLog, line => line.Contains("ready in"));

        var reportLog = new List<string>();
        var images = new DataLayerImageSource(global::Runner.Data.RunnerRegistries.Datasets, loaded).Load(mnist, ".", reportLog.Add)!;

        Assert.Equal(10_000, images.Test.Count);
        Assert.DoesNotContain(reportLog, line => line.Contains("ready in"));
        Assert.Equal(1, loaded.Count);
    }

    [Fact]
    public void Unknown_datasets_have_no_images()
    {
        Assert.Null(new DataLayerImageSource().Load(new ComponentSpec("imagenet", Arguments.Empty), ".", _ => { }));
    }

    [Fact]
    public void The_report_draws_image_grids_from_the_data_layer()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture { Dataset = Synthetic, Optimizers = ["adam"], Seeds = [1, 2] }.Write(temp.Path);

        var result = ReportWriter.Write(directory, _ => { }, new DataLayerImageSource());

        Assert.Empty(result.FailedCharts);
        foreach (var name in new[] { "best_run_misclassified.png", "dataset_samples.png", "best_run_confusion_matrix.png" })
            PngAssert.Readable(Assert.Single(result.FilesWritten, f => Path.GetFileName(f) == name));
    }
}
