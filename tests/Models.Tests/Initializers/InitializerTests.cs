using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Initializers;

[Collection(TorchCollection.Name)]
public class InitializerTests
{
    const long FanIn = 300, FanOut = 200;

    static Tensor Filled(string name, int seed, Arguments? args = null, long[]? shape = null)
    {
        var target = empty(shape ?? [FanOut, FanIn]);
        using var generator = new Generator((ulong)seed);
        BuiltIns.Registries.Initializers.Get(name).Fill(target, FanIn, FanOut, args ?? Arguments.Empty, generator);
        return target;
    }

    static Arguments Args(string name, params (string, object)[] given) =>
        Arguments.For(BuiltIns.Registries.Initializers.Get(name).Parameters, given);

    // Expected standard deviation of the drawn values and the largest magnitude allowed (Keras's formulas).
    [Theory]
    [InlineData("glorot_uniform", 0.0632456, 0.1095445)]   // limit sqrt(6 / 500), std limit / sqrt(3)
    [InlineData("he_uniform", 0.0816497, 0.1414214)]       // limit sqrt(6 / 300)
    [InlineData("lecun_uniform", 0.0577350, 0.1)]          // limit sqrt(3 / 300)
    [InlineData("glorot_normal", 0.0632456, 0.1438022)]    // std sqrt(2 / 500); cut at 2 * std / 0.8796
    [InlineData("he_normal", 0.0816497, 0.1856454)]        // std sqrt(2 / 300)
    [InlineData("lecun_normal", 0.0577350, 0.1312712)]     // std sqrt(1 / 300)
    [InlineData("random_normal", 0.05, double.PositiveInfinity)]
    [InlineData("random_uniform", 0.0288675, 0.05)]
    [InlineData("truncated_normal", 0.0439813, 0.1)]       // 0.05 * 0.8796, cut at 2 * 0.05
    public void Random_initializers_have_Keras_statistics(string name, double std, double bound)
    {
        using var scope = NewDisposeScope();
        var w = Filled(name, seed: 7);
        Assert.Equal(0, w.mean().item<float>(), 0.004);
        Assert.InRange(w.std().item<float>(), std * 0.97, std * 1.03);
        Assert.True(w.abs().max().item<float>() <= bound + 1e-6);
    }

    [Fact]
    public void Normal_initializers_use_their_arguments()
    {
        using var scope = NewDisposeScope();
        var w = Filled("random_normal", 3, Args("random_normal", ("mean", 1.0), ("stddev", 0.5)));
        Assert.Equal(1.0, w.mean().item<float>(), 0.02);
        Assert.Equal(0.5, w.std().item<float>(), 0.02);
        var t = Filled("truncated_normal", 3, Args("truncated_normal", ("mean", -2.0), ("stddev", 1.0)));
        Assert.InRange(t.min().item<float>(), -4.0001, -3.9);
        Assert.InRange(t.max().item<float>(), -0.1, 0.0001);
    }

    [Theory]
    [InlineData("zeros", 0.0)]
    [InlineData("ones", 1.0)]
    public void Fixed_initializers_fill_every_value(string name, double value)
    {
        using var scope = NewDisposeScope();
        Assert.True(Filled(name, 1).eq(value).all().item<bool>());
    }

    [Fact]
    public void Constant_fills_its_value()
    {
        using var scope = NewDisposeScope();
        Assert.True(Filled("constant", 1, Args("constant", ("value", 3.5))).eq(3.5).all().item<bool>());
    }

    [Theory]
    [InlineData(64, 128)]
    [InlineData(128, 64)]
    public void Orthogonal_gives_orthonormal_rows_or_columns_times_gain(long rows, long cols)
    {
        using var scope = NewDisposeScope();
        var w = Filled("orthogonal", 5, Args("orthogonal", ("gain", 2.0)), [rows, cols]);
        var gram = rows < cols ? w.matmul(w.t()) : w.t().matmul(w);
        Assert.True(gram.allclose(eye(Math.Min(rows, cols)) * 4, atol: 1e-4));
    }

    [Fact]
    public void Orthogonal_folds_conv_kernels_into_output_rows()
    {
        using var scope = NewDisposeScope();
        var w = Filled("orthogonal", 5, shape: [8, 3, 2, 2]).reshape(8, 12);
        Assert.True(w.matmul(w.t()).allclose(eye(8), atol: 1e-4));
    }

    [Fact]
    public void Same_seed_same_weights_other_seed_other_weights_for_every_random_initializer()
    {
        using var scope = NewDisposeScope();
        string[] fixedOnes = ["zeros", "ones", "constant"];
        foreach (var name in BuiltIns.Registries.Initializers.Names.Except(fixedOnes))
        {
            long[] small = [20, 30];
            Assert.True(Filled(name, 11, shape: small).equal(Filled(name, 11, shape: small)).all().item<bool>(), name);
            Assert.False(Filled(name, 11, shape: small).equal(Filled(name, 12, shape: small)).all().item<bool>(), name);
        }
    }

    [Fact]
    public void Initializers_never_touch_the_global_generator()
    {
        using var scope = NewDisposeScope();
        torch.random.manual_seed(99);
        var expected = rand(4);
        torch.random.manual_seed(99);
        foreach (var name in BuiltIns.Registries.Initializers.Names) Filled(name, 1);
        Assert.True(rand(4).equal(expected).all().item<bool>());
    }
}
