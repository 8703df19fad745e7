using Runner.Models.Losses;
using Runner.Models.Specs;
using TorchSharp;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Losses;

[Collection(TorchCollection.Name)]
public class FusedSoftmaxLossTests
{
    static readonly ModelSpec EndsInSoftmax = Model([4], Dense(3, "softmax"));
    static readonly ModelSpec EndsInLinear = Model([4], Dense(3));

    static BoundLoss Bind(string loss, ModelSpec model, params (string, object)[] args) =>
        BoundLoss.Bind(new ComponentSpec(loss, Arguments.For(Registered.Losses.Get(loss).Parameters, args)), model, Registered);

    [Theory]
    [InlineData("sparse_categorical_crossentropy")]
    [InlineData("categorical_crossentropy")]
    public void Fused_loss_on_logits_equals_the_loss_on_softmax_probabilities(string name)
    {
        using var scope = NewDisposeScope();
        var batch = TinyBatch.Create([5], classes: 5, samples: 32, seed: 3);
        var logits = batch.Inputs * 3;
        var loss = Bind(name, EndsInSoftmax);
        var targets = batch.TargetsFor(loss, 5);

        float fused = loss.Compute(logits, targets).item<float>();
        float onProbabilities = loss.Type.Compute(nn.functional.softmax(logits, 1), targets, outputIsLogits: false).item<float>();
        float byHand = -nn.functional.softmax(logits, 1).log().gather(1, batch.Labels.unsqueeze(1)).mean().item<float>();

        Assert.Equal(byHand, fused, 5);
        Assert.Equal(byHand, onProbabilities, 5);
    }

    [Theory]
    [InlineData("sparse_categorical_crossentropy")]
    [InlineData("categorical_crossentropy")]
    public void Fused_loss_stays_finite_on_extreme_logits_where_log_of_softmax_does_not(string name)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 1000, 0, -1000, -1000, 1000, 0 }, [2, 3]).requires_grad_();
        var labels = tensor(new long[] { 2, 1 });
        var loss = Bind(name, EndsInSoftmax);
        var targets = loss.NeedsOneHotTargets ? nn.functional.one_hot(labels, 3).to_type(ScalarType.Float32) : labels;

        Assert.True(nn.functional.softmax(logits, 1).log().isinf().any().item<bool>());
        var value = loss.Compute(logits, targets);
        value.backward();
        Assert.Equal(1000f, value.item<float>(), 3);   // (2000 + 0) / 2: exact log-sum-exp
        Assert.True(logits.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void On_probabilities_a_zero_for_the_target_costs_minus_log_epsilon_like_Keras()
    {
        using var scope = NewDisposeScope();
        var loss = Bind("sparse_categorical_crossentropy", EndsInLinear);
        Assert.False(loss.OutputIsLogits);
        var probabilities = tensor(new float[] { 1, 0, 0 }, [1, 3]);
        Assert.Equal(-Math.Log(1e-7), loss.Compute(probabilities, tensor(new long[] { 2 })).item<float>(), 3);
    }

    [Fact]
    public void Binding_decides_fusion_from_the_loss_and_the_model_end()
    {
        var fused = Bind("sparse_categorical_crossentropy", EndsInSoftmax);
        Assert.True(fused.FuseFinalSoftmax);
        Assert.True(fused.OutputIsLogits);

        var mse = Bind("mse", EndsInSoftmax);
        Assert.False(mse.FuseFinalSoftmax);
        Assert.False(mse.OutputIsLogits);
        Assert.True(mse.NeedsOneHotTargets);

        var logits = Bind("categorical_crossentropy", EndsInLinear, ("from_logits", true));
        Assert.False(logits.FuseFinalSoftmax);
        Assert.True(logits.OutputIsLogits);

        var softmaxLayer = Model([4], Dense(3), Layer("activation", ("activation", ComponentSpec.Of("softmax"))));
        Assert.True(Bind("sparse_categorical_crossentropy", softmaxLayer).FuseFinalSoftmax);
    }

    [Fact]
    public void Mse_compares_the_output_with_one_hot_targets()
    {
        using var scope = NewDisposeScope();
        var loss = Bind("mse", EndsInSoftmax);
        var output = tensor(new float[] { 0.5f, 0.5f, 0, 1 }, [2, 2]);
        var targets = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        Assert.Equal(0.125f, loss.Compute(output, targets).item<float>(), 6);
    }
}
