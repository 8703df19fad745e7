using Runner.Models.Building;
using Runner.Models.Layers.Modules;
using Runner.Models.Specs;
using TorchSharp;
using static Runner.Models.Tests.TestSpecs;
using static TorchSharp.torch;

namespace Runner.Models.Tests.Building;

/// <summary>
/// The built model does no work a layer doesn't need (issue 6): a batch already in the model's shape is
/// not reshaped, a linear activation is not run, the stack doesn't dispose what it was given, and
/// convolutions run channels-last with the same results as NCHW.
/// </summary>
[Collection(TorchCollection.Name)]
public class LeanModelTests
{
    [Fact]
    public void A_batch_already_in_the_models_shape_is_passed_on_as_it_is_and_others_are_reshaped()
    {
        using var scope = NewDisposeScope();
        using var flat = new InputReshape(new Shape(4));
        using var square = new InputReshape(new Shape(2, 2));
        var batch = randn(3, 4, generator: new Generator(3));
        Assert.Same(batch, flat.call(batch));
        var reshaped = square.call(batch);
        Assert.Equal(new long[] { 3, 2, 2 }, reshaped.shape);
        Assert.True(reshaped.reshape(3, 4).equal(batch).all().item<bool>());
    }

    [Fact]
    public void A_model_with_nothing_to_do_returns_an_alias_never_the_callers_own_tensor()
    {
        using var scope = NewDisposeScope();
        using var model = ModelBuilder.Build(Model([4], Layer("dropout", ("rate", 0.5))), Context(1), false);
        model.eval();
        var batch = ones(2, 4);
        var output = model.call(batch);
        Assert.NotSame(batch, output);
        output.Dispose();
        Assert.Equal(8, batch.sum().item<float>());
    }

    [Fact]
    public void A_linear_activation_registers_no_module_and_a_relu_does()
    {
        using var linear = ModelBuilder.Build(Model([4], Dense(3, "linear")), Context(1), false);
        using var relu = ModelBuilder.Build(Model([4], Dense(3, "relu")), Context(1), false);
        Assert.DoesNotContain(linear.named_modules(), m => m.name.EndsWith("activation"));
        Assert.Contains(relu.named_modules(), m => m.name == "dense.activation");
        using var scope = NewDisposeScope();
        var batch = randn(5, 4, generator: new Generator(2));
        Assert.True(relu.call(batch).equal(linear.call(batch).relu()).all().item<bool>());
    }

    [Fact]
    public void Convolutions_run_channels_last_and_match_the_plain_NCHW_computation()
    {
        using var scope = NewDisposeScope();
        using var model = ModelBuilder.Build(Model([6, 6, 1], Conv(4, 2, "same", "linear")), Context(1), false);
        var batch = randn(3, 6, 6, generator: new Generator(9));
        var output = model.call(batch);

        var (weight, bias) = (model.parameters().First(), model.parameters().Last());
        Assert.True(weight.is_contiguous(), "parameters stay NCHW-contiguous, so saved models keep their meaning");
        var nchw = nn.functional.conv2d(nn.functional.pad(batch.reshape(3, 1, 6, 6), [0, 1, 0, 1]), weight, bias);
        Assert.Equal(nchw.shape, output.shape);
        Assert.True(output.allclose(nchw, atol: 1e-5));
        Assert.Equal(new long[] { 6 * 6 * 4, 1, 6 * 4, 4 }, output.stride());   // NHWC strides
    }

    [Fact]
    public void Dropout_after_a_convolution_keeps_the_channels_last_layout_and_Keras_scaling()
    {
        using var scope = NewDisposeScope();
        using var model = ModelBuilder.Build(Model([6, 6, 1], Conv(8, 3, "same", "relu"), Layer("dropout", ("rate", 0.25))), Context(1), false);
        model.train();
        var output = model.call(ones(4, 6, 6));
        Assert.Equal(new long[] { 6 * 6 * 8, 1, 6 * 8, 8 }, output.stride());
        model.eval();
        var kept = output.ne(0);
        var undropped = model.call(ones(4, 6, 6));
        Assert.True(output.masked_select(kept).allclose(undropped.masked_select(kept) / 0.75, atol: 1e-5));
    }
}
