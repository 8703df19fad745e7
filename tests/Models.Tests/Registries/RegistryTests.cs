using Runner.Models.Registries;

namespace Runner.Models.Tests.Registries;

public class RegistryTests
{
    [Fact]
    public void Every_kind_holds_exactly_the_names_of_issue_2()
    {
        var r = BuiltIns.Registries;
        Assert.Equal(["activation", "avgpool2d", "batchnorm", "conv2d", "dense", "dropout", "flatten", "maxpool2d"], r.Layers.Names);
        Assert.Equal(["elu", "gelu", "leaky_relu", "linear", "relu", "selu", "sigmoid", "silu", "softmax", "softplus", "tanh"], r.Activations.Names);
        Assert.Equal(["constant", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
            "ones", "orthogonal", "random_normal", "random_uniform", "truncated_normal", "zeros"], r.Initializers.Names);
        Assert.Equal(["adadelta", "adagrad", "adam", "adamax", "adamw", "nadam", "rmsprop", "sgd"], r.Optimizers.Names);
        Assert.Equal(["categorical_crossentropy", "mse", "sparse_categorical_crossentropy"], r.Losses.Names);
        Assert.Equal(["accuracy", "balanced_accuracy", "f1_score", "loss", "precision", "recall", "top_k_accuracy"], r.Metrics.Names);
    }

    [Theory]
    [InlineData("ReLU")]
    [InlineData("RELU")]
    [InlineData("relu")]
    public void Lookup_ignores_case(string name) => Assert.Equal("relu", BuiltIns.Registries.Activations.Get(name).Name);

    [Fact]
    public void Registering_a_name_twice_throws_even_in_another_case()
    {
        var registries = BuiltIns.Create();
        var again = new Activations.ActivationType("ReLU", "duplicate", [], _ => throw new InvalidOperationException());
        var e = Assert.Throws<InvalidOperationException>(() => registries.Activations.Add(again));
        Assert.Equal("activation 'ReLU' is registered twice", e.Message);
    }

    [Fact]
    public void An_unknown_name_is_answered_with_every_known_name_and_the_closest()
    {
        var e = Assert.Throws<UnknownNameException>(() => BuiltIns.Registries.Activations.Get("rleu"));
        Assert.Equal(
            "unknown activation 'rleu'. Known: elu, gelu, leaky_relu, linear, relu, selu, sigmoid, silu, softmax, softplus, tanh. Did you mean 'relu'?",
            e.Message);
    }

    [Fact]
    public void A_name_far_from_every_known_one_gets_no_suggestion()
    {
        var e = Assert.Throws<UnknownNameException>(() => BuiltIns.Registries.Optimizers.Get("lbfgs_with_restarts"));
        Assert.EndsWith("Known: adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd.", e.Message);
    }

    [Fact]
    public void Each_call_to_Create_gives_independent_registries()
    {
        var a = BuiltIns.Create();
        a.Metrics.Add(new Top5());
        Assert.False(BuiltIns.Registries.Metrics.TryGet("top5", out _));
    }

    /// <summary>A metric of one class, as a user would add one.</summary>
    sealed class Top5 : global::Runner.Models.Metrics.ClassAveragedMetric
    {
        public override string Name => "top5";
        public override string Description => "test only";
        public override double Score(long tp, long fp, long fn) => tp;
    }
}
