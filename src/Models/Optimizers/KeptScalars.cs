using TorchSharp;

namespace Runner.Models.Optimizers;

/// <summary>
/// Scalars for libtorch calls, kept alive until disposed. TorchSharp 0.107 turns a double argument
/// (`t.add_(g, alpha: -lr)`) into a temporary <see cref="Scalar"/> and passes only its native handle,
/// so the Scalar is garbage as soon as the call starts. A garbage collection that another thread starts
/// during the call (a second run trained side by side allocates) lets the finalizer thread free the
/// native at::Scalar while libtorch is still to read it: libtorch then reads freed memory and fails
/// with "Expected false to be true, but got false" (c10::Scalar's accessor on a garbage tag), or
/// silently uses a wrong value. That was the `--jobs 2` crash.
/// Every double handed to libtorch on a path that runs while another run trains goes through here.
/// TorchSharp also makes a Scalar 1 of its own in `add(Tensor)`, `add_(Scalar)`, `addcdiv(t1, t2)` and
/// the `+` operator: pass the alpha or value explicitly there (`t.add_(s[eps], s[1])`).
/// </summary>
public sealed class KeptScalars : IDisposable
{
    /// <summary>
    /// Components whose Scalars TorchSharp makes itself, out of Runner's reach: softplus takes its beta and
    /// threshold only as doubles, and BatchNorm's forward counts batches with `add_(1)` (its modules are
    /// sealed). A model using one can crash, or compute with a freed value, while another run trains in
    /// the same process; so such runs train one at a time until TorchSharp keeps its own Scalars alive.
    /// </summary>
    public static readonly IReadOnlySet<string> NotKeptByTorchSharp = new HashSet<string>(["softplus", "batchnorm"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The first component of <paramref name="model"/> (a layer, or an activation or initializer inside one) in <see cref="NotKeptByTorchSharp"/>.</summary>
    public static string? UnsafeSideBySide(Specs.ModelSpec model) => model.Layers.SelectMany(Names).FirstOrDefault(NotKeptByTorchSharp.Contains);

    static IEnumerable<string> Names(Specs.ComponentSpec component) =>
        component.Arguments.Values.OfType<Specs.ComponentSpec>().SelectMany(Names).Prepend(component.Name);

    readonly List<Scalar> _kept = [];

    /// <summary>A floating-point Scalar that stays alive (and referenced) until this object is disposed.</summary>
    public Scalar this[double value] => Keep(value.ToScalar());

    /// <summary>An integer Scalar (an integer tensor times it stays an integer tensor), kept likewise.</summary>
    public Scalar this[long value] => Keep(value.ToScalar());

    Scalar Keep(Scalar scalar)
    {
        _kept.Add(scalar);
        return scalar;
    }

    public void Dispose()
    {
        foreach (var scalar in _kept) scalar.Dispose();
        _kept.Clear();
    }
}
