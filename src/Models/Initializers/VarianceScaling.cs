namespace Runner.Models.Initializers;

/// <summary>
/// Keras's fan-based initializers. Each is VarianceScaling(scale, mode, distribution): variance
/// scale / n with n the fan_in or the mean of fan_in and fan_out. The "normal" ones are truncated
/// normals whose stddev is divided by 0.87962566103423978 (the stddev of a standard normal cut at 2),
/// so the drawn values have the intended variance; the uniform ones use limit sqrt(3 * scale / n).
/// </summary>
public static class VarianceScaling
{
    enum Mode { FanIn, FanAvg }

    const double TruncatedStdDevCorrection = 0.87962566103423978;

    public static readonly InitializerType GlorotUniform = Uniform("glorot_uniform", "Uniform(-l, l), l = sqrt(6 / (fan_in + fan_out)). Keras's default kernel initializer.", 1, Mode.FanAvg);
    public static readonly InitializerType GlorotNormal = Normal("glorot_normal", "Truncated normal, stddev sqrt(2 / (fan_in + fan_out)).", 1, Mode.FanAvg);
    public static readonly InitializerType HeNormal = Normal("he_normal", "Truncated normal, stddev sqrt(2 / fan_in). Suits relu.", 2, Mode.FanIn);
    public static readonly InitializerType HeUniform = Uniform("he_uniform", "Uniform(-l, l), l = sqrt(6 / fan_in). Suits relu.", 2, Mode.FanIn);
    public static readonly InitializerType LecunNormal = Normal("lecun_normal", "Truncated normal, stddev sqrt(1 / fan_in). Suits selu.", 1, Mode.FanIn);
    public static readonly InitializerType LecunUniform = Uniform("lecun_uniform", "Uniform(-l, l), l = sqrt(3 / fan_in).", 1, Mode.FanIn);

    static InitializerType Normal(string name, string description, double scale, Mode mode) =>
        new(name, description, [], (t, fanIn, fanOut, _, g) =>
            Draw.TruncatedNormal(t, 0, Math.Sqrt(Variance(scale, mode, fanIn, fanOut)) / TruncatedStdDevCorrection, g));

    static InitializerType Uniform(string name, string description, double scale, Mode mode) =>
        new(name, description, [], (t, fanIn, fanOut, _, g) =>
        {
            double limit = Math.Sqrt(3 * Variance(scale, mode, fanIn, fanOut));
            Draw.Uniform(t, -limit, limit, g);
        });

    static double Variance(double scale, Mode mode, long fanIn, long fanOut)
    {
        double n = mode == Mode.FanIn ? fanIn : (fanIn + fanOut) / 2.0;
        return scale / Math.Max(1.0, n);
    }
}
