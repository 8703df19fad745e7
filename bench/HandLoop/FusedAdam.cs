using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// Adam in one pass over memory: for each element, read p, g, m, v once and write p, m, v once
/// (7 streams), where the tensor-op versions make 6-8 passes and 15-20 streams. A SIMD loop in C# over
/// the tensors' memory, split across the torch thread count for large parameters. This is what
/// PyTorch's fused=True Adam does natively; TorchSharp 0.107 exposes no fused optimizer.
/// Same update as <see cref="LeanAdam"/> (bias corrections folded into two scalars). Parameters whose
/// gradient or state has a different memory layout take the tensor-op path.
/// </summary>
public sealed unsafe class FusedAdam : ITrainStep
{
    const long ParallelThreshold = 1 << 16;   // below this, splitting costs more than it saves

    readonly Parameter[] parameters;
    readonly Tensor[] m, v;
    readonly double lr, beta1, beta2, eps;
    readonly bool gradsToNone;
    long steps;

    public FusedAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, bool gradsToNone)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Any(p => p.dtype != ScalarType.Float32 || p.device_type != DeviceType.CPU))
            throw new ArgumentException("FusedAdam handles float32 CPU parameters only");
        m = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        v = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        (this.lr, this.beta1, this.beta2, this.eps, this.gradsToNone) = (lr, beta1, beta2, eps, gradsToNone);
    }

    public void zero_grad()
    {
        foreach (var p in parameters)
        {
            using var grad = p.grad;
            if (grad is null) continue;
            if (gradsToNone) p.grad = null;
            else grad.zero_();
        }
    }

    public void step()
    {
        steps++;
        var bc1 = 1 - Math.Pow(beta1, steps);
        var sqrtBc2 = Math.Sqrt(1 - Math.Pow(beta2, steps));
        var k = new Coefficients((float)beta1, (float)beta2, (float)(lr * sqrtBc2 / bc1), (float)(eps * sqrtBc2));
        var threads = Math.Max(1, get_num_threads());
        using var _ = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            using var grad = parameters[i].grad;
            if (grad is null) continue;
            if (!SameDenseLayout(parameters[i], grad, m[i], v[i]))
            {
                TensorOpUpdate(parameters[i], grad, m[i], v[i], k);
                continue;
            }
            var memory = new Streams((nint)NativeTorch.DataPointer(parameters[i]), (nint)NativeTorch.DataPointer(grad),
                                     (nint)NativeTorch.DataPointer(m[i]), (nint)NativeTorch.DataPointer(v[i]));
            var n = parameters[i].numel();
            if (n < ParallelThreshold || threads == 1) { Update(memory, 0, n, k); continue; }
            var chunk = (n / threads + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
            Parallel.For(0, threads, t =>
            {
                var start = t * chunk;
                Update(memory, start, Math.Min(n, start + chunk), k);
            });
        }
    }

    readonly record struct Coefficients(float Beta1, float Beta2, float StepSize, float Eps);

    /// <summary>Addresses of a parameter, its gradient and its two moments (nint: lambdas can't capture pointers).</summary>
    readonly record struct Streams(nint Param, nint Grad, nint M, nint V);

    static void Update(Streams s, long start, long end, Coefficients k)
    {
        float* p = (float*)s.Param, g = (float*)s.Grad, m = (float*)s.M, v = (float*)s.V;
        var (b1, b2, c1, c2) = (new Vector<float>(k.Beta1), new Vector<float>(k.Beta2),
                                new Vector<float>(1 - k.Beta1), new Vector<float>(1 - k.Beta2));
        var (stepSize, eps) = (new Vector<float>(k.StepSize), new Vector<float>(k.Eps));
        var i = start;
        for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
        {
            var gi = Vector.Load(g + i);
            var mi = b1 * Vector.Load(m + i) + c1 * gi;
            var vi = b2 * Vector.Load(v + i) + c2 * gi * gi;
            mi.Store(m + i);
            vi.Store(v + i);
            (Vector.Load(p + i) - stepSize * mi / (Vector.SquareRoot(vi) + eps)).Store(p + i);
        }
        for (; i < end; i++)
        {
            m[i] = k.Beta1 * m[i] + (1 - k.Beta1) * g[i];
            v[i] = k.Beta2 * v[i] + (1 - k.Beta2) * g[i] * g[i];
            p[i] -= k.StepSize * m[i] / (MathF.Sqrt(v[i]) + k.Eps);
        }
    }

    /// <summary>Elementwise over raw memory is right only when all four tensors lay their elements out
    /// identically and without gaps (true for contiguous and for channels-last tensors alike).</summary>
    static bool SameDenseLayout(Tensor p, Tensor g, Tensor m, Tensor v)
    {
        var strides = p.stride();
        if (g.dtype != ScalarType.Float32 || !strides.SequenceEqual(g.stride()) || !strides.SequenceEqual(m.stride())
            || !strides.SequenceEqual(v.stride())) return false;
        long extent = 1;
        for (var d = 0; d < p.shape.Length; d++) extent += (p.shape[d] - 1) * strides[d];
        return extent == p.numel();
    }

    static void TensorOpUpdate(Tensor p, Tensor g, Tensor m, Tensor v, Coefficients k)
    {
        m.mul_(k.Beta1).add_(g, alpha: 1 - k.Beta1);
        v.mul_(k.Beta2).addcmul_(g, g, value: 1 - k.Beta2);
        using var denom = v.sqrt();
        denom.add_(k.Eps);
        p.addcdiv_(m, denom, value: -k.StepSize);
    }

    public void Dispose()
    {
        foreach (var t in m.Concat(v)) t.Dispose();
    }
}
