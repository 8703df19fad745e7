using System.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Optimizers;

/// <summary>
/// TorchSharp's Adam with its update done in one pass over memory: each element's parameter,
/// gradient and two moments are read once and written once, with SIMD, where the tensor-op update
/// makes 6-8 passes. That was a quarter of a CNN batch and the largest single cost of the small MLPs
/// (bench/README.md). It is PyTorch's fused=True Adam, which TorchSharp 0.107 lacks. The state
/// (step count, exp_avg, exp_avg_sq), param groups, learning rate and state dicts are the base
/// class's, so checkpoints and everything that reads the optimizer work unchanged (a saved state
/// names its optimizer type, so TorchSharp's Adam and this one don't read each other's). The bias
/// corrections are folded into two scalars: step = lr·sqrt(bc2)/bc1, eps' = eps·sqrt(bc2), the same
/// update as lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps) up to float rounding.
/// Only plain Adam (no amsgrad, weight decay or maximize) is built this way; see StandardOptimizers.
/// </summary>
public sealed unsafe class FusedAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : Adam(parameters, lr, beta1, beta2, eps)
{
    /// <summary>Below this many elements splitting the work across threads costs more than it saves.</summary>
    const long ParallelThreshold = 1 << 16;

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double lr = options.LearningRate!.Value, beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        foreach (var parameter in group.Parameters)
        {
            using var grad = parameter.grad;
            if (grad is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            double sqrtBc2 = Math.Sqrt(1 - Math.Pow(beta2, state.step)), bc1 = 1 - Math.Pow(beta1, state.step);
            var k = new Coefficients((float)beta1, (float)beta2, (float)(lr * sqrtBc2 / bc1), (float)(eps * sqrtBc2));
            if (TensorMemory.SameDenseFloatLayout(parameter, grad, state.exp_avg, state.exp_avg_sq))
                FusedUpdate(parameter, grad, state.exp_avg, state.exp_avg_sq, k);
            else
                TensorOpUpdate(parameter, grad, state.exp_avg, state.exp_avg_sq, k);
        }
    }, closure);

    readonly record struct Coefficients(float Beta1, float Beta2, float StepSize, float Eps);

    /// <summary>Addresses of a parameter, its gradient and moments (nint: lambdas can't capture pointers).</summary>
    readonly record struct Streams(nint Param, nint Grad, nint M, nint V);

    static void FusedUpdate(Tensor p, Tensor g, Tensor m, Tensor v, Coefficients k)
    {
        var memory = new Streams((nint)TensorMemory.Floats(p), (nint)TensorMemory.Floats(g),
                                 (nint)TensorMemory.Floats(m), (nint)TensorMemory.Floats(v));
        long n = p.numel();
        int threads = Math.Max(1, get_num_threads());
        if (n < ParallelThreshold || threads == 1)
        {
            Update(memory, 0, n, k);
            return;
        }
        // Whole vectors per thread; every element's update is independent, so the split never changes results.
        long chunk = (n / threads + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        Parallel.For(0, threads, t => Update(memory, t * chunk, Math.Min(n, (t + 1) * chunk), k));
    }

    static void Update(Streams s, long start, long end, Coefficients k)
    {
        float* p = (float*)s.Param, g = (float*)s.Grad, m = (float*)s.M, v = (float*)s.V;
        var (b1, b2) = (new Vector<float>(k.Beta1), new Vector<float>(k.Beta2));
        var (c1, c2) = (new Vector<float>(1 - k.Beta1), new Vector<float>(1 - k.Beta2));
        var (stepSize, eps) = (new Vector<float>(k.StepSize), new Vector<float>(k.Eps));
        long i = start;
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

    /// <summary>The same update in tensor ops, for tensors whose memory layouts differ.</summary>
    static void TensorOpUpdate(Tensor p, Tensor g, Tensor m, Tensor v, Coefficients k)
    {
        using var s = new KeptScalars();
        m.mul_(s[k.Beta1]).add_(g, alpha: s[1 - k.Beta1]);
        v.mul_(s[k.Beta2]).addcmul_(g, g, value: s[1 - k.Beta2]);
        using var denominator = v.sqrt();
        denominator.add_(s[k.Eps], s[1]);
        p.addcdiv_(m, denominator, value: s[-k.StepSize]);
    }
}
