using Runner.Models.Registries;

namespace Runner.Models.Initializers;

/// <summary>Keras's fixed and plain random initializers (the fan-based ones are in <see cref="VarianceScaling"/>).</summary>
public static class StandardInitializers
{
    static readonly ParameterInfo Mean = Param.Float("mean", 0.0, "Mean of the distribution.");
    static readonly ParameterInfo StdDev = Param.Float("stddev", 0.05, "Standard deviation (Keras default 0.05).", ValueRange.NonNegative);

    public static readonly InitializerType Zeros = new("zeros", "All zeros.", [], (t, _, _, _, _) => Draw.Constant(t, 0));

    public static readonly InitializerType Ones = new("ones", "All ones.", [], (t, _, _, _, _) => Draw.Constant(t, 1));

    public static readonly InitializerType Constant = new(
        "constant", "Every value the same.",
        [Param.Float("value", 0.0, "The value.")],
        (t, _, _, a, _) => Draw.Constant(t, a.Float("value")));

    public static readonly InitializerType RandomNormal = new(
        "random_normal", "Normal(mean, stddev).",
        [Mean, StdDev],
        (t, _, _, a, g) => Draw.Normal(t, a.Float("mean"), a.Float("stddev"), g));

    public static readonly InitializerType RandomUniform = new(
        "random_uniform", "Uniform in [minval, maxval).",
        [Param.Float("minval", -0.05, "Lower bound."), Param.Float("maxval", 0.05, "Upper bound.")],
        (t, _, _, a, g) => Draw.Uniform(t, a.Float("minval"), a.Float("maxval"), g));

    public static readonly InitializerType TruncatedNormal = new(
        "truncated_normal", "Normal(mean, stddev) with values beyond 2 stddev redrawn.",
        [Mean, StdDev],
        (t, _, _, a, g) => Draw.TruncatedNormal(t, a.Float("mean"), a.Float("stddev"), g));

    public static readonly InitializerType Orthogonal = new(
        "orthogonal", "A random (semi-)orthogonal matrix times gain; rows are output units.",
        [Param.Float("gain", 1.0, "Multiplier of the orthogonal matrix.")],
        (t, _, _, a, g) => Draw.Orthogonal(t, a.Float("gain"), g));
}
