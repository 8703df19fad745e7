using Runner.Models.Registries;

namespace Runner.Models.Layers;

/// <summary>Declarations several layers share, so they read and default the same everywhere.</summary>
static class LayerParameters
{
    public static readonly ParameterInfo Activation = Param.Activation("activation", "linear", "Applied to the output (Keras default linear, i.e. none).");
    public static readonly ParameterInfo KernelInitializer = Param.Initializer("kernel_initializer", "glorot_uniform", "How the weights start.");
    public static readonly ParameterInfo BiasInitializer = Param.Initializer("bias_initializer", "zeros", "How the biases start.");
    public static readonly ParameterInfo UseBias = Param.Bool("use_bias", true, "Add a bias per output unit.");
    public static readonly ParameterInfo Padding = Param.Choice("padding", "valid", ["valid", "same"],
        "valid: no padding, the output shrinks; same: zero-pad so the output is ceil(input / stride).");
}
