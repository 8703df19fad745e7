using TorchSharp;
using Runner.Models.Optimizers;
using static TorchSharp.torch;

namespace Runner.Models.Initializers;

/// <summary>
/// The random draws behind every initializer. Each draws on the CPU from the run's own generator (never
/// the global one), in float64, and copies into the target, so a seed gives the same weights
/// everywhere and runs stay independent. Callers hold a no_grad and a dispose scope. Another run may be
/// training meanwhile, so every number reaches libtorch as a kept Scalar (<see cref="KeptScalars"/>).
/// </summary>
static class Draw
{
    public static void Constant(Tensor target, double value)
    {
        using var s = new KeptScalars();
        target.fill_(s[value]);
    }

    public static void Uniform(Tensor target, double min, double max, Generator generator)
    {
        using var s = new KeptScalars();
        target.copy_(rand(target.shape, ScalarType.Float64, generator: generator).mul(s[max - min]).add(s[min], s[1]));
    }

    public static void Normal(Tensor target, double mean, double stddev, Generator generator)
    {
        using var s = new KeptScalars();
        target.copy_(randn(target.shape, ScalarType.Float64, generator: generator).mul(s[stddev]).add(s[mean], s[1]));
    }

    // Phi(-2) and Phi(2): the standard normal's CDF at the two cut points.
    const double LowerTail = 0.022750131948179195, UpperTail = 0.9772498680518208;

    /// <summary>
    /// Normal cut at two standard deviations (Keras's truncated_normal), by inverting the CDF on a
    /// uniform draw restricted to [Phi(-2), Phi(2)]: one draw per element, no rejection loop.
    /// </summary>
    public static void TruncatedNormal(Tensor target, double mean, double stddev, Generator generator)
    {
        using var s = new KeptScalars();
        var u = rand(target.shape, ScalarType.Float64, generator: generator).mul(s[UpperTail - LowerTail]).add(s[LowerTail], s[1]);
        var z = u.mul(s[2]).sub(s[1]).erfinv().mul(s[Math.Sqrt(2)]);
        target.copy_(z.clamp(s[-2.0], s[2.0]).mul(s[stddev]).add(s[mean], s[1]));
    }

    /// <summary>
    /// A (semi-)orthogonal matrix, Keras's way: QR of a normal draw with r's diagonal signs folded into q.
    /// The first dim (TorchSharp's output units) is the rows, the rest the columns; a 1-D target is one row.
    /// </summary>
    public static void Orthogonal(Tensor target, double gain, Generator generator)
    {
        long rows = target.dim() < 2 ? 1 : target.shape[0];
        long cols = target.numel() / rows;
        var a = randn(new[] { Math.Max(rows, cols), Math.Min(rows, cols) }, ScalarType.Float64, generator: generator);
        var (q, r) = linalg.qr(a);
        q = q * r.diagonal().sign();
        if (rows < cols) q = q.t();
        using var s = new KeptScalars();
        target.copy_(q.mul(s[gain]).reshape(target.shape));
    }
}
