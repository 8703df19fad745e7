using Runner.Models.Building;
using Runner.Models.Losses;
using Runner.Models.Specs;
using TorchSharp;
using Xunit.Abstractions;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Optimizers;

[Collection(TorchCollection.Name)]
public class OptimizerConvergenceTests(ITestOutputHelper output)
{
    static readonly ModelSpec Tiny = Model([8], Dense(16, "relu"), Dense(3, "softmax"));

    public static TheoryData<string> Optimizers() => new(Registered.Optimizers.Names);

    /// <summary>Full-batch training on 64 samples whose labels a linear rule decides; returns the first and last loss.</summary>
    static (float First, float Last) Train(string optimizerName, int steps, int seed, Arguments? args = null)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(99);
        var inputs = randn([64, 8], generator: generator);
        var labels = inputs.matmul(randn([8, 3], generator: generator)).argmax(1);
        var loss = BoundLoss.Bind(ComponentSpec.Of("sparse_categorical_crossentropy"), Tiny, Registered);
        using var model = ModelBuilder.Build(Tiny, Context(seed), loss.FuseFinalSoftmax);
        var optimizerType = Registered.Optimizers.Get(optimizerName);
        using var optimizer = optimizerType.Build(model.parameters(), args ?? Arguments.Empty);
        float first = 0, last = 0;
        for (int step = 0; step <= steps; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var value = loss.Compute(model.call(inputs), labels);
            if (step == 0) first = value.item<float>();
            last = value.item<float>();
            if (step == steps) break;
            value.backward();
            optimizer.step();
        }
        return (first, last);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Loss_goes_down_over_50_steps_with_Keras_defaults(string optimizer)
    {
        var (first, last) = Train(optimizer, steps: 50, seed: 3);
        output.WriteLine($"{optimizer}: {first:F5} -> {last:F5}");
        // Keras's adadelta default (learning_rate 0.001) is famously slow: it only has to move the right way.
        double drop = optimizer == "adadelta" ? 0 : 0.03;
        Assert.True(last < first * (1 - drop), $"{optimizer}: {first} -> {last}");
    }

    [Fact]
    public void Adadelta_learns_at_the_papers_learning_rate()
    {
        var args = Arguments.For(Registered.Optimizers.Get("adadelta").Parameters, ("learning_rate", 1.0));
        var (first, last) = Train("adadelta", steps: 50, seed: 3, args);
        Assert.True(last < first * 0.97, $"{first} -> {last}");
    }

    [Fact]
    public void Same_seed_trains_to_the_same_loss_another_seed_does_not()
    {
        Assert.Equal(Train("adam", 10, seed: 4), Train("adam", 10, seed: 4));
        Assert.NotEqual(Train("adam", 10, seed: 4).Last, Train("adam", 10, seed: 5).Last);
    }
}
