using System.Globalization;
using Runner.Recording;
using Runner.Reporting;

namespace Runner.Tests.Training;

/// <summary>
/// Requested metrics on real MNIST: recorded on every split under Keras's names, equal to what the run's
/// own predictions give, and usable by early stopping with the direction the metric declares.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RealMetricsTests
{
    static string Mnist(string train) => $$"""
        name: mnist_metrics
        data: {dataset: mnist, validation_split: 0.2, train_limit: 3000, test_limit: 1000}
        model:
          input: [28, 28]
          layers:
            - flatten
            - dense: {units: 32, activation: relu}
            - dense: {units: 10, activation: softmax}
        train: {optimizer: adam, metrics: [accuracy, top_k_accuracy, f1_score], batch_size: 32, seed: 1, threads: 1, {{train}}}
        report: {metric: val_f1_score}
        """;

    [Fact]
    public void The_test_f1_score_equals_the_macro_f1_of_the_runs_own_test_predictions()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Mnist("epochs: 2"));
        Assert.Equal("done", h.Run(experiment).Runs.Single().Outcome.Status);

        var run = h.Folder(experiment).Run(experiment.Runs[0]);
        Assert.Equal("epoch,loss,accuracy,top_k_accuracy,f1_score,val_loss,val_accuracy,val_top_k_accuracy,val_f1_score,learning_rate,train_seconds,seconds",
            File.ReadLines(run.MetricsCsv).First());
        var row = h.Folder(experiment).Runs.Read().Single();
        double Cell(string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

        var predictions = File.ReadLines(run.PredictionsCsv).Skip(1)
            .Select(l => l.Split(',')).Select(c => (Label: int.Parse(c[1], CultureInfo.InvariantCulture), Predicted: int.Parse(c[2], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(1000, predictions.Count);
        Assert.Equal(MacroF1(predictions), Cell("test_f1_score"), 12);
        Assert.Equal(predictions.Count(p => p.Label == p.Predicted) / 1000.0, Cell("test_accuracy"), 12);
        Assert.InRange(Cell("test_f1_score"), 0.8, 1.0);
        Assert.InRange(Cell("test_top_k_accuracy"), Cell("test_accuracy"), 1.0);   // the top 5 hold the top 1
        Assert.InRange(Cell("val_f1_score"), 0.8, 1.0);

        // The report ranks by val_f1_score (higher is better) and adds the best run's per-class table.
        ReportWriter.Write(h.Folder(experiment).Path, _ => { }, images: null);
        var report = File.ReadAllText(Path.Combine(h.Folder(experiment).Path, "report", "report.md"));
        Assert.Contains("val_f1_score (higher is better)", report);
        Assert.Contains("Per class (best run)", report);
        Assert.Contains("| class | precision | recall | f1_score | support |", report);
    }

    /// <summary>scikit-learn's f1_score(average='macro'), written out independently of Runner's metrics.</summary>
    static double MacroF1(IReadOnlyList<(int Label, int Predicted)> predictions)
    {
        var classes = predictions.SelectMany(p => new[] { p.Label, p.Predicted }).Distinct().ToList();
        return classes.Average(c =>
        {
            double tp = predictions.Count(p => p.Label == c && p.Predicted == c);
            double fp = predictions.Count(p => p.Label != c && p.Predicted == c);
            double fn = predictions.Count(p => p.Label == c && p.Predicted != c);
            return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
        });
    }

    [Fact]
    public void Early_stopping_on_val_f1_score_follows_the_maximising_rule()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Mnist("epochs: 6, early_stopping: {monitor: val_f1_score, patience: 1}"));
        var outcome = h.Run(experiment).Runs.Single().Outcome;
        var f1 = h.Metrics(experiment).Select(m => m.Get("val_f1_score")!.Value).ToList();

        // Keras's rule on the recorded values, once maximising (what f1_score declares) and once minimising.
        int maximising = StopEpoch(f1, (value, best) => value > best, 6);
        int minimising = StopEpoch(f1, (value, best) => value < best, 6);
        Assert.NotEqual(maximising, minimising);   // these values tell the two directions apart
        Assert.Equal(maximising, outcome.Epochs);
        Assert.Equal(maximising, f1.Count);
        if (maximising < 6) Assert.Contains($"val_f1_score best at epoch {f1.IndexOf(f1.Max()) + 1}", outcome.Reason);
    }

    [Fact]
    public void A_run_with_a_large_min_delta_on_val_f1_score_stops_after_its_patience()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Mnist("epochs: 5, early_stopping: {monitor: val_f1_score, patience: 2, min_delta: 0.5}"));
        var outcome = h.Run(experiment).Runs.Single().Outcome;
        Assert.Equal(("done", 3), (outcome.Status, outcome.Epochs));
        Assert.Equal("early stopping after epoch 3: val_f1_score best at epoch 1", outcome.Reason);
    }

    /// <summary>The epoch after which patience 1 ends the run, given when a value improves on the best so far.</summary>
    static int StopEpoch(IReadOnlyList<double> values, Func<double, double, bool> improves, int epochs)
    {
        double best = values[0];
        for (int e = 1; e < values.Count; e++)
        {
            if (improves(values[e], best)) best = values[e];
            else return e + 1;
        }
        return epochs;
    }
}
