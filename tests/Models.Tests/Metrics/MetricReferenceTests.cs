using Runner.Models.Metrics;
using Runner.Models.Specs;

namespace Runner.Models.Tests.Metrics;

/// <summary>
/// Every metric against values worked out by hand, scikit-learn's way, on one small confusion matrix
/// (rows: target, columns: predicted) with a class that is never predicted (2) and a class that never
/// occurs at all (3):
/// <code>
///        p0 p1 p2 p3   support
///   t0    3  1  0  0   4
///   t1    1  2  0  0   3
///   t2    1  1  0  0   2
///   t3    0  0  0  0   0
/// </code>
/// Per class: precision 3/5, 2/4, 0 (never predicted: zero_division=0); recall 3/4, 2/3, 0;
/// F1 = 2tp/(2tp+fp+fn) = 6/9, 4/7, 0. Class 3 occurs nowhere, so macro averages run over classes 0-2
/// (scikit-learn's labels=None); weighted averages weigh by support 4, 3, 2 of 9.
/// </summary>
public sealed class MetricReferenceTests
{
    static readonly ConfusionCounts Matrix = new(4, [3, 1, 0, 0, 1, 2, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    static readonly EpochCounts Counts = new(Samples: 9, LossSum: 4.5, Correct: 5, Matrix, new Dictionary<int, long> { [2] = 7 });

    static double Value(string metric, params (string, object)[] args)
    {
        var type = BuiltIns.Registries.Metrics.Get(metric);
        return type.Compute(Counts, Arguments.For(type.Parameters, args));
    }

    [Theory]
    [InlineData("precision", "macro", (0.6 + 0.5 + 0) / 3)]
    [InlineData("precision", "weighted", (0.6 * 4 + 0.5 * 3 + 0 * 2) / 9)]
    [InlineData("precision", "micro", 5.0 / 9)]
    [InlineData("recall", "macro", (0.75 + 2.0 / 3 + 0) / 3)]
    [InlineData("recall", "weighted", 5.0 / 9)]
    [InlineData("recall", "micro", 5.0 / 9)]
    [InlineData("f1_score", "macro", (6.0 / 9 + 4.0 / 7 + 0) / 3)]
    [InlineData("f1_score", "weighted", (6.0 / 9 * 4 + 4.0 / 7 * 3 + 0 * 2) / 9)]
    [InlineData("f1_score", "micro", 5.0 / 9)]
    public void Class_averaged_metrics_match_scikit_learn(string metric, string average, double expected) =>
        Assert.Equal(expected, Value(metric, ("average", average)), 12);

    [Fact]
    public void The_default_average_is_macro() =>
        Assert.Equal((6.0 / 9 + 4.0 / 7) / 3, Value("f1_score"), 12);

    [Fact]
    public void Spelled_out_numbers_for_the_record()
    {
        // The same references as decimals, as scikit-learn prints them.
        Assert.Equal(0.366667, Value("precision"), 6);
        Assert.Equal(0.472222, Value("recall"), 6);
        Assert.Equal(0.412698, Value("f1_score"), 6);
        Assert.Equal(0.486772, Value("f1_score", ("average", "weighted")), 6);
    }

    [Fact]
    public void Balanced_accuracy_is_the_mean_recall_over_classes_that_occur_as_targets() =>
        Assert.Equal((0.75 + 2.0 / 3 + 0) / 3, Value("balanced_accuracy"), 12);

    [Fact]
    public void Accuracy_loss_and_top_k_are_shares_of_the_samples()
    {
        Assert.Equal(5.0 / 9, Value("accuracy"), 12);
        Assert.Equal(0.5, Value("loss"), 12);
        Assert.Equal(7.0 / 9, Value("top_k_accuracy", ("k", 2)), 12);
    }

    [Fact]
    public void Per_class_scores_of_a_class_never_predicted_are_zero()
    {
        Assert.Equal(0, Matrix.Precision(2));
        Assert.Equal(0, Matrix.Recall(2));
        Assert.Equal(0, Matrix.F1(2));
        Assert.Equal(0.6, Matrix.Precision(0), 12);
        Assert.Equal(new[] { 0, 1, 2 }, Matrix.PresentClasses);
    }

    [Fact]
    public void An_empty_epoch_gives_zeros_not_NaN()
    {
        var empty = new EpochCounts(0, 0, 0, new ConfusionCounts(3, new long[9]), new Dictionary<int, long> { [5] = 0 });
        foreach (var metric in BuiltIns.Registries.Metrics.All)
        {
            var value = metric.Compute(empty, Arguments.For(metric.Parameters));
            Assert.Equal(0, value);
        }
    }

    [Fact]
    public void Only_the_loss_is_minimised_and_every_rate_lies_in_0_1()
    {
        foreach (var metric in BuiltIns.Registries.Metrics.All)
        {
            Assert.Equal(metric.Name != "loss", metric.HigherIsBetter);
            if (metric.Name != "loss") Assert.Equal(new global::Runner.Models.Registries.ValueRange(0, 1), metric.Range);
        }
    }
}
