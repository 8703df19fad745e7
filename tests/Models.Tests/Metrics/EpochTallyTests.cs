using Runner.Models.Metrics;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Metrics;

/// <summary>The on-device counting: outputs buffered per batch, folded into one confusion matrix and top-k hits.</summary>
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

    static readonly MetricSet F1AndTop2 = MetricSet.Bind(
        [ComponentSpec.Of("f1_score"), new ComponentSpec("top_k_accuracy", new Arguments([new("k", 2)]))], BuiltIns.Registries);

    /// <summary>Feeds the samples in <paramref name="order"/>, in batches, as the trainer does after shuffling.</summary>
    static EpochCounts Count(MetricSet metrics, int batchSize, long[]? order = null, long bufferValues = EpochTally.DefaultBufferValues)
    {
        using var output = tensor(Outputs).reshape(4, 3);
        using var target = tensor(Targets);
        using var permutation = order is null ? null : tensor(order);
        using var tally = new EpochTally(3, metrics.Confusion, metrics.TopK, target, permutation, bufferValues);
        for (int start = 0; start < 4; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(batchSize, 4 - start);
            var batch = permutation is null ? output.narrow(0, start, size) : output.index_select(0, permutation.narrow(0, start, size));
            tally.Add(batch, size);
        }
        return tally.Read(4, 2.0, 1);
    }

    public static TheoryData<int, long[]?, long> Feeds() => new()
    {
        { 1, null, EpochTally.DefaultBufferValues },
        { 3, null, EpochTally.DefaultBufferValues },
        { 4, null, EpochTally.DefaultBufferValues },
        { 2, [3, 1, 0, 2], EpochTally.DefaultBufferValues },
        { 1, [2, 0, 3, 1], 6 },    // room for 2 samples' outputs: folded twice
        { 3, [2, 0, 3, 1], 3 },    // room for 1, batches of 3: the buffer grows to one batch
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public void The_confusion_matrix_and_top_k_hits_count_every_sample_once(int batchSize, long[]? order, long bufferValues)
    {
        var counts = Count(F1AndTop2, batchSize, order, bufferValues);
        var m = counts.Confusion!;
        Assert.Equal(4, m.Total);
        Assert.Equal(1, m[0, 2]);
        Assert.Equal(1, m[1, 1]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(3, counts.TopKHits[2]);
        var values = F1AndTop2.Compute(counts).ToDictionary();
        Assert.Equal(new[] { "loss", "accuracy", "f1_score", "top_k_accuracy" }, F1AndTop2.Names);
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

    [Fact]
    public void Outputs_that_require_gradients_leave_the_buffer_out_of_the_graph()
    {
        using var weights = ones(3, 3).requires_grad_();
        using var x = tensor(Outputs).reshape(4, 3);
        using var target = tensor(Targets);
        using var tally = new EpochTally(3, confusion: true, [2], target, null);
        using (var scope = NewDisposeScope())
        {
            var output = x.matmul(weights);
            tally.Add(output, 4);
        }
        Assert.Equal(4, tally.Read(4, 0, 0).Confusion!.Total);
    }
}
