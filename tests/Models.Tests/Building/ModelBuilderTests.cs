using Runner.Models.Building;
using Runner.Models.Shapes;
using Runner.Models.Specs;
using TorchSharp;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Building;

[Collection(TorchCollection.Name)]
public class ModelBuilderTests
{
    static nn.Module<Tensor, Tensor> Build(ModelSpec spec, int seed = 1, bool fuse = false) =>
        ModelBuilder.Build(spec, Context(seed), fuse);

    static long TrainableCount(nn.Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    [Fact]
    public void Cnn_has_the_planned_parameters_and_output_shape_from_a_plain_image_batch()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Cnn());
        Assert.Equal(3_156_098, TrainableCount(model));
        model.eval();
        Assert.Equal(new long[] { 2, 10 }, model.call(zeros(2, 28, 28)).shape);
    }

    [Fact]
    public void Mlp_takes_flat_or_square_batches_and_names_its_layers_like_the_summary()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Mlp(100));
        Assert.Equal(79_510, TrainableCount(model));
        Assert.Equal(new long[] { 3, 10 }, model.call(zeros(3, 784)).shape);
        Assert.Equal(new long[] { 3, 10 }, model.call(zeros(3, 28, 28)).shape);
        Assert.Equal(["dense.weight", "dense.bias", "dense_1.weight", "dense_1.bias"], model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Batchnorm_trains_two_per_channel_and_keeps_Keras_moving_averages()
    {
        using var scope = NewDisposeScope();
        var spec = Model([3], Layer("batchnorm"));
        Assert.Equal(4 * 3 - 2 * 3, ShapeInference.Infer(spec, Registered).TrainableParameters);
        using var model = Build(spec);
        Assert.Equal(6, TrainableCount(model));
        model.train();
        model.call(tensor(new float[] { 1, 2, 3, 3, 4, 5 }, [2, 3]));
        var movingMean = model.named_buffers().Single(b => b.name.EndsWith("running_mean")).buffer;
        Assert.True(movingMean.allclose(tensor(new float[] { 0.02f, 0.03f, 0.04f }), atol: 1e-6));  // 0.01 * batch mean
    }

    [Fact]
    public void Batchnorm_normalises_the_last_axis_of_a_rank_two_input()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Model([2, 3], Layer("batchnorm")));
        model.train();
        var output = model.call(randn(16, 2, 3, generator: new Generator(4)) * 5 + 2);
        Assert.True(output.mean([0, 1]).abs().max().item<float>() < 1e-4);
        Assert.Equal(3, model.parameters().First().numel());
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_outputs_another_seed_does_not()
    {
        using var scope = NewDisposeScope();
        var spec = Cnn();
        var input = randn(2, 28, 28, generator: new Generator(5));
        using var a = Build(spec, seed: 7);
        using var b = Build(spec, seed: 7);
        using var c = Build(spec, seed: 8);
        foreach (var m in new[] { a, b, c }) m.train();   // dropout active: its masks must repeat too
        Assert.True(a.parameters().Zip(b.parameters()).All(p => p.First.equal(p.Second).all().item<bool>()));
        Assert.True(a.call(input).equal(b.call(input)).all().item<bool>());
        Assert.False(a.parameters().First().equal(c.parameters().First()).all().item<bool>());
        Assert.False(a.call(input).equal(c.call(input)).all().item<bool>());
    }

    [Fact]
    public void Fusing_leaves_out_the_final_softmax_so_the_model_outputs_logits()
    {
        using var scope = NewDisposeScope();
        var spec = Mlp(16);
        var input = randn(4, 784, generator: new Generator(2));
        using var probabilities = Build(spec, seed: 3, fuse: false);
        using var logits = Build(spec, seed: 3, fuse: true);
        var p = probabilities.call(input);
        var z = logits.call(input);
        Assert.True(p.sum(1).allclose(ones(4), atol: 1e-5));
        Assert.False(z.sum(1).allclose(ones(4), atol: 1e-3));
        Assert.True(nn.functional.softmax(z, 1).allclose(p, atol: 1e-6));
    }

    [Fact]
    public void EndsInSoftmax_sees_softmax_on_the_last_dense_conv_or_activation_layer_only()
    {
        var softmax = ComponentSpec.Of("softmax");
        Assert.True(ModelBuilder.EndsInSoftmax(Mlp(10)));
        Assert.True(ModelBuilder.EndsInSoftmax(Model([4], Dense(3), Layer("activation", ("activation", softmax)))));
        Assert.True(ModelBuilder.EndsInSoftmax(Model([4, 4, 1], Conv(2, 2, activation: "SoftMax"))));
        Assert.False(ModelBuilder.EndsInSoftmax(Model([4], Dense(3, "softmax"), Dense(3))));
        Assert.False(ModelBuilder.EndsInSoftmax(Model([4], Dense(3, "softmax"), Layer("dropout", ("rate", 0.5)))));
        Assert.False(ModelBuilder.EndsInSoftmax(Model([4])));
    }

    static ComponentSpec OnesConv(int kernel) => Layer("conv2d", ("filters", 1), ("kernel_size", new IntPair(kernel, kernel)),
        ("padding", "same"), ("use_bias", false), ("kernel_initializer", ComponentSpec.Of("ones")));

    [Fact]
    public void Same_padding_with_an_even_kernel_pads_bottom_and_right_like_Keras()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Model([3, 3, 1], OnesConv(2)));
        var output = model.call(ones(1, 3, 3));
        Assert.Equal(new float[] { 4, 4, 2, 4, 4, 2, 2, 2, 1 }, output.flatten().data<float>().ToArray());
    }

    [Theory]
    [InlineData("maxpool2d", new float[] { 5, 6, 8, 9 })]
    [InlineData("avgpool2d", new float[] { 3, 4.5f, 7.5f, 9 })]   // padding never counts in the mean
    public void Same_pooling_pads_bottom_and_right_and_ignores_the_padding(string pool, float[] expected)
    {
        using var scope = NewDisposeScope();
        using var model = Build(Model([3, 3, 1], Layer(pool, ("padding", "same"))));
        var output = model.call(arange(1, 10, ScalarType.Float32).reshape(1, 3, 3));
        Assert.Equal(expected, output.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Max_pooling_padding_never_wins_over_negative_values()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Model([3, 3, 1], Layer("maxpool2d", ("padding", "same"))));
        Assert.True(model.call(full(1, 3, 3, -5f)).eq(-5).all().item<bool>());
    }

    [Fact]
    public void Multi_channel_batches_are_read_channels_last()
    {
        using var scope = NewDisposeScope();
        using var model = Build(Model([2, 2, 3], Layer("activation", ("activation", ComponentSpec.Of("linear")))));
        var keras = arange(12, ScalarType.Float32).reshape(1, 2, 2, 3);
        var output = model.call(keras);
        Assert.Equal(new long[] { 1, 3, 2, 2 }, output.shape);
        Assert.True(output.equal(keras.permute(0, 3, 1, 2)).all().item<bool>());
    }

    [Fact]
    public void Dropout_is_seeded_scaled_and_off_in_eval()
    {
        using var scope = NewDisposeScope();
        var spec = Model([1000], Layer("dropout", ("rate", 0.25)));
        var input = ones(4, 1000);
        using var a = Build(spec, seed: 1);
        using var b = Build(spec, seed: 1);
        using var c = Build(spec, seed: 2);
        a.train(); b.train(); c.train();
        var output = a.call(input);
        Assert.True(output.equal(b.call(input)).all().item<bool>());
        Assert.False(output.equal(c.call(input)).all().item<bool>());
        Assert.True((output.eq(0) | output.isclose(full(1, 4f / 3))).all().item<bool>());
        Assert.InRange(output.eq(0).to_type(ScalarType.Float32).mean().item<float>(), 0.22, 0.28);
        a.eval();
        Assert.True(a.call(input).equal(input).all().item<bool>());
    }

    [Fact]
    public void A_model_built_inside_a_dispose_scope_outlives_it()
    {
        nn.Module<Tensor, Tensor> model;
        using (NewDisposeScope())
            model = Build(Model([3, 3, 1], Conv(2, 2, "same"), Layer("batchnorm"), Layer("avgpool2d", ("padding", "same")),
                Flatten, Layer("batchnorm"), Dense(2)));
        using (model)
        using (NewDisposeScope())
        {
            Assert.Equal(new long[] { 1, 2 }, model.call(ones(1, 3, 3)).shape);
            Assert.All(model.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
        }
    }

    [Fact]
    public void A_spec_that_cannot_work_fails_before_any_module_is_made()
    {
        var e = Assert.Throws<LayerShapeException>(() => Build(Model([784], Conv(8, 3))));
        Assert.Equal(0, e.LayerIndex);
    }
}
