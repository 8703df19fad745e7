using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>
/// Adam with the same update as TorchSharp's (and Keras') but fewer passes over memory: m via lerp_,
/// and the bias corrections folded into scalars, so the denominator is sqrt(v) + eps·sqrt(bc2) built in
/// place. Per parameter: 6 elementwise kernels and 1 temporary instead of 8 kernels and 2 temporaries.
/// For the CNN, whose 3.2M-weight dense layer makes the optimizer step a quarter of the batch time.
/// </summary>
public sealed class LeanAdam : ITrainStep
{
    readonly Parameter[] parameters;
    readonly Tensor[] m, v;
    readonly double lr, beta1, beta2, eps;
    readonly Tensor oneMinusBeta1;     // lerp_ takes its weight as a tensor
    readonly bool gradsToNone;
    long steps;

    public LeanAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, bool gradsToNone)
    {
        this.gradsToNone = gradsToNone;
        oneMinusBeta1 = tensor(1 - beta1, ScalarType.Float32).DetachFromDisposeScope();
        this.parameters = parameters.ToArray();
        m = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        v = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        (this.lr, this.beta1, this.beta2, this.eps) = (lr, beta1, beta2, eps);
    }

    public void zero_grad()
    {
        foreach (var p in parameters)
        {
            if (gradsToNone) { p.grad?.Dispose(); p.grad = null; }
            else p.grad?.zero_();
        }
    }

    public void step()
    {
        steps++;
        var bc1 = 1 - Math.Pow(beta1, steps);
        var sqrtBc2 = Math.Sqrt(1 - Math.Pow(beta2, steps));
        // p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps)  ==  p -= (lr·sqrt(bc2)/bc1) · m / (sqrt(v) + eps·sqrt(bc2))
        var stepSize = lr * sqrtBc2 / bc1;
        using var _ = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var grad = parameters[i].grad;
            if (grad is null) continue;
            m[i].lerp_(grad, oneMinusBeta1);
            v[i].mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
            using var denom = v[i].sqrt();
            denom.add_(eps * sqrtBc2);
            parameters[i].addcdiv_(m[i], denom, value: -stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in m.Concat(v)) t.Dispose();
        oneMinusBeta1.Dispose();
    }
}
