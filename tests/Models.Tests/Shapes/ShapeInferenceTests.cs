using Runner.Models.Shapes;
using Runner.Models.Specs;
using static Runner.Models.Tests.TestSpecs;

namespace Runner.Models.Tests.Shapes;

public class ShapeInferenceTests
{
    static ModelPlan Infer(ModelSpec spec) => ShapeInference.Infer(spec, Registered);

    static LayerShapeException Fails(ModelSpec spec) => Assert.Throws<LayerShapeException>(() => Infer(spec));

    [Theory]
    [InlineData(100, 79_510)]
    [InlineData(1000, 795_010)]
    public void Mlp_totals_match_Keras(int hidden, long total)
    {
        var plan = Infer(Mlp(hidden));
        Assert.Equal(total, plan.TotalParameters);
        Assert.Equal(total, plan.TrainableParameters);
        Assert.Equal(0, plan.NonTrainableParameters);
        Assert.Equal(["flatten", "dense", "dense_1"], plan.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(10), plan.Output);
    }

    [Fact]
    public void Cnn_shapes_counts_and_names_match_Keras()
    {
        var plan = Infer(Cnn());
        Assert.Equal(3_156_098, plan.TotalParameters);
        Assert.Equal(
            ["conv2d (None, 28, 28, 32) 832", "max_pooling2d (None, 14, 14, 32) 0", "conv2d_1 (None, 14, 14, 64) 8256",
             "max_pooling2d_1 (None, 7, 7, 64) 0", "dropout (None, 7, 7, 64) 0", "flatten (None, 3136) 0",
             "dense (None, 1000) 3137000", "dense_1 (None, 10) 10010"],
            plan.Layers.Select(l => $"{l.Name} {l.Output} {l.Parameters}"));
    }

    [Theory]
    [InlineData(28, 5, 1, "same", 28)]
    [InlineData(28, 5, 1, "valid", 24)]
    [InlineData(28, 2, 1, "same", 28)]
    [InlineData(28, 3, 2, "same", 14)]
    [InlineData(7, 3, 2, "same", 4)]
    [InlineData(7, 3, 2, "valid", 3)]
    [InlineData(5, 5, 1, "valid", 1)]
    public void Conv_output_follows_Keras_padding_arithmetic(int input, int kernel, int stride, string padding, int output)
    {
        var conv = Layer("conv2d", ("filters", 4), ("kernel_size", new IntPair(kernel, kernel)), ("strides", new IntPair(stride, stride)), ("padding", padding));
        Assert.Equal(new Shape(output, output, 4), Infer(Model([input, input, 3], conv)).Output);
    }

    [Fact]
    public void Pool_strides_default_to_the_pool_size_and_rectangular_windows_work()
    {
        Assert.Equal(new Shape(9, 9, 2), Infer(Model([28, 28, 2], MaxPool(3))).Output);
        var pool = Layer("avgpool2d", ("pool_size", new IntPair(2, 4)), ("strides", new IntPair(1, 1)));
        Assert.Equal(new Shape(27, 25, 2), Infer(Model([28, 28, 2], pool)).Output);
        Assert.Equal(new Shape(10, 10, 2), Infer(Model([28, 28, 2], MaxPool(3, "same"))).Output);
    }

    [Fact]
    public void Batchnorm_counts_four_per_channel_half_of_them_not_trainable()
    {
        var plan = Infer(Model([8, 8, 16], Layer("batchnorm"), Flatten, Dense(10), Layer("batchnorm")));
        Assert.Equal(["batch_normalization", "flatten", "dense", "batch_normalization_1"], plan.Layers.Select(l => l.Name));
        Assert.Equal(64 + 10250 + 40, plan.TotalParameters);
        Assert.Equal(32 + 20, plan.NonTrainableParameters);
        Assert.Equal(10250 + 32 + 20, plan.TrainableParameters);
    }

    [Fact]
    public void Conv_after_flatten_says_where_it_belongs_and_which_input_fits()
    {
        var e = Fails(Model([28, 28], Flatten, Conv(8, 3)));
        Assert.Equal(1, e.LayerIndex);
        Assert.Equal("conv2d needs an image input (height, width, channels) but gets (None, 784); put conv2d before flatten, or give model.input as [28, 28, 1]", e.Message);
    }

    [Fact]
    public void Conv_on_a_two_dimensional_input_suggests_adding_the_channel()
    {
        var e = Fails(Model([28, 28], Conv(8, 3)));
        Assert.Equal(0, e.LayerIndex);
        Assert.Equal("conv2d needs an image input (height, width, channels) but gets (None, 28, 28); give model.input as [28, 28, 1]", e.Message);
    }

    [Fact]
    public void A_pool_larger_than_its_input_is_an_error_at_its_index()
    {
        var e = Fails(Model([4, 4, 1], MaxPool(2), MaxPool(3)));
        Assert.Equal(1, e.LayerIndex);
        Assert.StartsWith("pool 3x3 is larger than its input 2x2; use padding: same", e.Message);
    }

    [Fact]
    public void A_kernel_larger_than_its_input_is_an_error()
    {
        var e = Fails(Model([4, 4, 1], Conv(2, 5)));
        Assert.StartsWith("kernel 5x5 is larger than its input 4x4", e.Message);
    }

    [Fact]
    public void Dense_on_an_image_asks_for_flatten()
    {
        var e = Fails(Model([28, 28], Dense(10)));
        Assert.Equal("dense needs a flat input (features) but gets (None, 28, 28); put flatten before dense", e.Message);
    }

    [Fact]
    public void Unknown_layers_and_bad_inputs_are_layer_errors_too()
    {
        var unknown = Fails(Model([4], new ComponentSpec("dens", Runner.Models.Specs.Arguments.Empty)));
        Assert.Equal(0, unknown.LayerIndex);
        Assert.Contains("Did you mean 'dense'?", unknown.Message);
        Assert.Equal(-1, Fails(Model([28, 0])).LayerIndex);
    }
}
