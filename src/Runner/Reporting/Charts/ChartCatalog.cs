using Runner.Results;
using System.Globalization;
using Runner.Reporting.Statistics;
using Runner.Reporting.Results;

namespace Runner.Reporting.Charts;

/// <summary>Every chart a sweep's report has, given its statistics and (optionally) its dataset's images.</summary>
internal static class ChartCatalog
{
    /// <summary>metrics.csv columns that are bookkeeping, not learning curves.</summary>
    static readonly string[] NotCurves = ["learning_rate", "train_seconds", "seconds"];

    const int GridImages = 24;

    /// <summary>
    /// Grids and races get per-configuration points, marginal effects and pair heatmaps; random and TPE
    /// searches (experiment.yaml's `sweep:` says which) get the metric against each parameter and best-so-far by trial.
    /// </summary>
    /// <param name="parts">What sweep methods add (the race's chart).</param>
    /// <param name="classNames">The dataset's class names where the images did not load (<see cref="RunClassNames"/>).</param>
    public static IReadOnlyList<IChart> For(SweepAnalysis analysis, DatasetImages? images, IReadOnlyList<IReportPart>? parts = null,
        IReadOnlyList<string>? classNames = null)
    {
        var charts = new List<IChart>();
        charts.AddRange(CurveMetrics(analysis).Select(m => LearningCurveChart.For(analysis, m)).OfType<IChart>());

        var space = SweepSpace.Of(analysis.Table);
        var hasValues = analysis.Leaderboard.Any(r => r.Metric(analysis.Metric).Count > 0);
        if (hasValues && space.IsSearch)
        {
            // A search draws each value once: categories in trial order and pair grids of "no runs" say nothing.
            charts.AddRange(analysis.Table.ConfigurationAxes.Select(a => new ParameterScatterChart(analysis, a, space.LogAxes.Contains(a))));
            charts.Add(new BestSoFarChart(analysis));
        }
        else if (hasValues)
        {
            charts.Add(new ConfigurationBarChart(analysis));
            if (analysis.Table.ConfigurationAxes.Count > 1)
                charts.AddRange(analysis.Table.ConfigurationAxes.Select(a => new AxisEffectChart(analysis, a)));
            charts.AddRange(analysis.Pairs.Select(p => new AxisPairHeatmapChart(analysis, p)));
        }
        if (hasValues)
            charts.AddRange((parts ?? []).SelectMany(p => p.Charts(analysis)));

        classNames = images?.ClassNames ?? classNames;
        if (analysis.BestRun is { } best && analysis.BestRunConfusion(classNames?.Count) is { } confusion)
        {
            var runLabel = RunLabel(analysis);
            charts.Add(new ConfusionMatrixChart(runLabel, confusion, classNames));
            // A run that got every test image right has no grid to draw (the confusion matrix shows it).
            if (images is not null && analysis.BestRunPredictions.Any(p => !p.IsCorrect)) charts.Add(Misclassified(analysis, images, runLabel));
        }
        if (images is { TrainSamples.Count: > 0 })
            charts.Add(new ImageGridChart("dataset_samples.png", "Training samples with their classes",
                "The first training images with their class names",
                images.TrainSamples.Take(GridImages).Select(i => (i, ClassName(images, i.Label))).ToArray()));
        return charts;
    }

    /// <summary>The metrics that have learning curves: loss, accuracy, ... (val_x is drawn with x).</summary>
    public static IReadOnlyList<string> CurveMetrics(SweepAnalysis analysis) =>
        analysis.Table.HistoryColumns
            .Where(c => !NotCurves.Contains(c))
            .Select(c => c.StartsWith(Runner.Results.RecordedMetrics.ValidationPrefix, StringComparison.Ordinal) ? Runner.Results.RecordedMetrics.Bare(c) : c)
            .Distinct().ToArray();

    /// <summary>"adam · relu, seed 2": the best configuration plus which of its seeds.</summary>
    public static string RunLabel(SweepAnalysis analysis)
    {
        var run = analysis.BestRun!;
        var seed = run.AxisValue(Runner.Results.SeedAxis.Name);
        var configuration = analysis.Best!.Configuration.Label;
        return seed.Length == 0 ? configuration : $"{configuration}, seed {seed}";
    }

    static IChart Misclassified(SweepAnalysis analysis, DatasetImages images, string runLabel)
    {
        var wrong = analysis.BestRunPredictions.Where(p => !p.IsCorrect && p.Index < images.Test.Count).Take(GridImages)
            .Select(p => (images.Test[p.Index], $"label: {ClassName(images, p.Label)}, predicted: {ClassName(images, p.Predicted)}"))
            .ToArray();
        return new ImageGridChart("best_run_misclassified.png", $"Misclassified test images, best run {runLabel}",
            $"The first misclassified test images of the best run ({runLabel})", wrong);
    }

    static string ClassName(DatasetImages images, int label) => RunClassNames.Name(images.ClassNames, label);
}
