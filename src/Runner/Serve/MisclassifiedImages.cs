using Runner.Files;
using Runner.Reporting.Charts;
using Runner.Reporting.Results;
using Runner.Results;

namespace Runner.Serve;

/// <summary>
/// A run's misclassified test images for its page: the first <see cref="MaxImages"/> rows of its
/// test_predictions.csv whose prediction is wrong, with the pictures from the dataset the run's config.yaml
/// names (the data layer's cache, as the report's grid reads them). When none can be shown the answer says
/// why. One dataset's test images are kept in memory at a time (MNIST's: 8 MB), so a page of another sweep
/// on another dataset loads its own and drops the first.
/// </summary>
public sealed class MisclassifiedImages(IDatasetImageSource source)
{
    public const int MaxImages = 48;

    readonly object _gate = new();
    (string Key, DatasetImages? Images, string? Problem)? _loaded;

    public object Of(SweepSnapshot s, ServedRun run)
    {
        if (run.Result is not { } result || s.Table is not { } table)
            return Unavailable("the run has no row in runs.csv yet: its test predictions are written when it ends");
        if (run.Files is not { } files) return Unavailable($"its folder name in runs.csv, '{run.Directory}', is not a folder inside runs/");
        var predictions = table.PredictionsOf(result);
        if (predictions.Count == 0)
            return Unavailable($"the run recorded no {ResultsLayout.PredictionsFile} (it did not end, or its data has no test set of classes)");
        var wrong = predictions.Where(p => !p.IsCorrect).ToArray();
        if (wrong.Length == 0) return Unavailable($"every one of its {predictions.Count} test predictions is right");

        var configDirectory = RunClassNames.ConfigDirectory(table);
        var configPath = files.ConfigYaml;
        var yaml = FileKind.Of(configPath) == FileType.Regular ? BoundedRead.Text(configPath, Limits.MaxResultsFileBytes) : null;
        var (loaded, problem) = RunConfig.Read(yaml, configDirectory);
        if (loaded is null) return Unavailable($"its {ResultsLayout.ConfigFile} does not load ({problem}), so its dataset is unknown");
        var (images, why) = Images(loaded.Data.Dataset, configDirectory);
        if (images is null) return Unavailable(why ?? $"dataset '{loaded.Data.Dataset.Name}' has no images to show");

        var shown = wrong.Where(p => p.Index < images.Test.Count).Take(MaxImages).ToArray();
        return new
        {
            available = shown.Length > 0,
            why = shown.Length > 0 ? null : $"its {ResultsLayout.PredictionsFile} names test samples the dataset does not have",
            wrong = wrong.Length,
            total = predictions.Count,
            classNames = images.ClassNames,
            images = shown.Select(p =>
            {
                var image = images.Test[p.Index];
                return new
                {
                    index = p.Index,
                    label = RunClassNames.Name(images.ClassNames, p.Label),
                    predicted = RunClassNames.Name(images.ClassNames, p.Predicted),
                    width = image.Width,
                    height = image.Height,
                    channels = image.Channels,
                    pixels = Convert.ToBase64String(image.Pixels),
                };
            }).ToArray(),
        };
    }

    static object Unavailable(string why) => new { available = false, why, wrong = 0, total = 0, classNames = Array.Empty<string>(), images = Array.Empty<object>() };

    (DatasetImages? Images, string? Problem) Images(Runner.Models.Specs.ComponentSpec dataset, string configDirectory)
    {
        var key = $"{configDirectory}\u001f{dataset}";
        lock (_gate)
        {
            if (_loaded is { } known && known.Key == key) return (known.Images, known.Problem);
            _loaded = null;   // drop the last dataset before loading the next
            DatasetImages? images = null;
            string? problem = null;
            try { images = source.Load(dataset, configDirectory, _ => { }); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problem = $"dataset '{dataset.Name}' could not be loaded ({e.Message})";
            }
            _loaded = (key, images, problem);
            return (images, problem);
        }
    }
}
