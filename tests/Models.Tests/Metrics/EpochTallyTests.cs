using Runner.Models.Metrics;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Metrics;

/// <summary>The on-device counting: one bincount confusion matrix and top-k hits, read once.</summary>
[Collection(TorchCollection.Name)]
public sealed class EpochTallyTests
{
    // Four samples of three classes; the outputs rank the classes (highest first):
    //   sample 0: 2 > 0 > 1, target 0  -> predicted 2, in the top 2
    //   sample 1: 1 > 2 > 0, target 1  -> correct
    //   sample 2: 0 > 1 > 2, target 2  -> predicted 0, not in the top 2
    //   sample 3: 1 > 0 > 2, target 0  -> predicted 1, in the top 2
    static readonly float[] Outputs = [0.3f, 0.1f, 0.6f, 0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f, 0.4f, 0.5f, 0.1f];
    static readonly long[] Targets = [0, 1, 2, 0];

    static EpochCounts Count(MetricSet metrics, int batchSize)
    {
        using var output = tensor(Outputs).reshape(4, 3);
        using var target = tensor(Targets);
        using var tally = metrics.StartEpoch(3, CPU);
        for (int start = 0; start < 4; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var o = output.narrow(0, start, Math.Min(batchSize, 4 - start));
            tally.Add(o, target.narrow(0, start, o.shape[0]), o.argmax(1));
        }
        return tally.Read(4, 2.0, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_confusion_matrix_and_top_k_hits_are_counted_over_every_batch(int batchSize)
    {
        var metrics = MetricSet.Bind([ComponentSpec.Of("f1_score"), new ComponentSpec("top_k_accuracy", new Arguments([new("k", 2)]))],
            BuiltIns.Registries);
        var counts = Count(metrics, batchSize);
        var m = counts.Confusion!;
        Assert.Equal(4, m.Total);
        Assert.Equal(1, m[0, 2]);
        Assert.Equal(1, m[1, 1]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(3, counts.TopKHits[2]);
        var values = metrics.Compute(counts).ToDictionary();
        Assert.Equal(new[] { "loss", "accuracy", "f1_score", "top_k_accuracy" }, metrics.Names);
        Assert.Equal(0.75, values["top_k_accuracy"], 12);
        Assert.Equal(0.25, values["accuracy"], 12);
        // Class 1 is the only one with a true positive: F1 2/(2+1+0); classes 0 and 2 score 0.
        Assert.Equal(2.0 / 3 / 3, values["f1_score"], 12);
    }

    [Fact]
    public void Nothing_requested_counts_nothing_beyond_loss_and_accuracy()
    {
        var metrics = MetricSet.Bind([], BuiltIns.Registries);
        Assert.False(metrics.Confusion);
        Assert.Empty(metrics.TopK);
        var counts = Count(metrics, 2);
        Assert.Null(counts.Confusion);
        Assert.Equal(new[] { "loss", "accuracy" }, metrics.Names);
    }

    [Fact]
    public void A_k_beyond_the_classes_counts_every_sample()
    {
        var metrics = MetricSet.Bind([ComponentSpec.Of("top_k_accuracy")], BuiltIns.Registries);
        Assert.Equal(1.0, metrics.Compute(Count(metrics, 4)).ToDictionary()["top_k_accuracy"]);
    }
}
