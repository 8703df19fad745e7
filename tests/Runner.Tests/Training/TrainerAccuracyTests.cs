using Runner.Models;
using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Models.Specs;
using Runner.Training;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerAccuracyTests
{
    [Theory]
    [InlineData(7)]     // many batches, and a partial last batch
    [InlineData(1000)]  // one batch
    public void Training_accuracy_counts_every_sample_exactly_once(int batchSize)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var x = randn([1000, 20], generator: generator);
        var y = randint(0, 5, [1000], generator: generator);
        using var model = nn.Linear(20, 5);
        // A learning rate of 0 leaves the model as it is, so the epoch's running accuracy must equal
        // the accuracy of one plain pass over the same data.
        using var optimizer = optim.SGD(model.parameters(), 0.0);
        var spec = new ModelSpec(new Shape(20), [new ComponentSpec("dense",
            Arguments.For(BuiltIns.Registries.Layers.Get("dense").Parameters, ("units", 5)))]);
        var loss = BoundLoss.Bind(ComponentSpec.Of("sparse_categorical_crossentropy"), spec, BuiltIns.Registries);
        using var shuffle = new Generator(3);
        var trainer = new Trainer(model, optimizer, loss, MetricSet.Bind([], BuiltIns.Registries), oneHot: false, classes: 5, batchSize, shuffle: true, shuffle);

        var progress = new List<BatchProgress>();
        var result = trainer.TrainEpoch(x, y, CancellationToken.None, progress.Add);

        double expected;
        using (no_grad()) expected = model.forward(x).argmax(1).eq(y).sum().item<long>() / 1000.0;
        Assert.Equal(expected, result.Get("accuracy")!.Value, 12);
        Assert.Equal(1000, progress[^1].Seen);
        Assert.All(progress, p => Assert.InRange(p.Accuracy, 0, 1));
    }
}
