using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Initializers;

/// <summary>
/// The random draws behind every initializer. Each draws on the CPU from the run's own generator (never
/// the global one), in float64, and copies into the target, so a seed gives the same weights
/// everywhere and runs stay independent. Callers hold a no_grad and a dispose scope.
/// </summary>
static class Draw
{
    public static void Constant(Tensor target, double value) => target.fill_(value);

    public static void Uniform(Tensor target, double min, double max, Generator generator) =>
        target.copy_(rand(target.shape, ScalarType.Float64, generator: generator) * (max - min) + min);

    public static void Normal(Tensor target, double mean, double stddev, Generator generator) =>
        target.copy_(randn(target.shape, ScalarType.Float64, generator: generator) * stddev + mean);

    // Phi(-2) and Phi(2): the standard normal's CDF at the two cut points.
    const double LowerTail = 0.022750131948179195, UpperTail = 0.9772498680518208;

    /// <summary>
    /// Normal cut at two standard deviations (Keras's truncated_normal), by inverting the CDF on a
    /// uniform draw restricted to [Phi(-2), Phi(2)]: one draw per element, no rejection loop.
    /// </summary>
    public static void TruncatedNormal(Tensor target, double mean, double stddev, Generator generator)
    {
        var u = rand(target.shape, ScalarType.Float64, generator: generator) * (UpperTail - LowerTail) + LowerTail;
        var z = (u * 2 - 1).erfinv() * Math.Sqrt(2);
        target.copy_(z.clamp(-2.0, 2.0) * stddev + mean);
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
        target.copy_((q * gain).reshape(target.shape));
    }
}
