using System.Numerics;
using static TorchSharp.torch;

namespace Runner.Models.Optimizers;

/// <summary>
/// SGD as <see cref="ScalarSafe.SGD"/> steps it (dampening 0): coefficients learning rate, momentum,
/// weight decay. The momentum buffer starts at zero, which gives exactly TorchSharp's first step (a copy
/// of the gradient): 0 · momentum + g = g.
/// </summary>
public sealed unsafe class SgdRule(bool momentum, bool nesterov, bool decay) : StackedRule
{
    public override string Key => $"sgd momentum={momentum} nesterov={nesterov} decay={decay}";

    public static double[] Coefficients(double lr, double momentum, double weightDecay) => [-lr, momentum, weightDecay];

    protected override void StepTensors(Tensor p, Tensor g, Tensor[] state, Tensor[] c, KeptScalars s)
    {
        var (negLr, m, wd) = (c[0], c[1], c[2]);
        if (decay) g = g.addcmul(p, wd, s[1.0]);
        if (momentum)
        {
            var buffer = state[0];
            buffer.mul_(m).add_(g, s[1.0]);
            g = nesterov ? g.addcmul(buffer, m, s[1.0]) : buffer;
        }
        p.addcmul_(g, negLr, s[1.0]);
    }

    protected override bool HasKernel => true;

    protected override void Kernel(nint[] streams, long start, long end, double[] c)
    {
        float* p = (float*)streams[0], g = (float*)streams[1], buffer = momentum ? (float*)streams[2] : null;
        var (negLr, m, wd) = (V(c[0]), V(c[1]), V(c[2]));
        for (long i = start; i < end; i += Vector<float>.Count)
        {
            var pi = Vector.Load(p + i);
            var gi = Vector.Load(g + i);
            if (decay) gi += wd * pi;
            if (momentum)
            {
                var bi = m * Vector.Load(buffer + i) + gi;
                bi.Store(buffer + i);
                gi = nesterov ? gi + m * bi : bi;
            }
            (pi + negLr * gi).Store(p + i);
        }
    }
}

/// <summary>
/// RMSProp as <see cref="ScalarSafe.RMSProp"/> steps it: coefficients learning rate, alpha (Keras's rho),
/// epsilon, momentum, weight decay; state square_avg, then momentum_buffer, then grad_avg (centered).
/// </summary>
public sealed unsafe class RmsPropRule(bool momentum, bool centered, bool decay) : StackedRule
{
    public override string Key => $"rmsprop momentum={momentum} centered={centered} decay={decay}";

    public static double[] Coefficients(double lr, double alpha, double eps, double momentum, double weightDecay) =>
        [-lr, alpha, 1 - alpha, eps, momentum, weightDecay];

    protected override void StepTensors(Tensor p, Tensor g, Tensor[] state, Tensor[] c, KeptScalars s)
    {
        var (negLr, alpha, oneMinusAlpha, eps, m, wd) = (c[0], c[1], c[2], c[3], c[4], c[5]);
        if (decay) g = g.addcmul(p, wd, s[1.0]);
        var squareAvg = state[0];
        squareAvg.mul_(alpha).addcmul_(g.mul(oneMinusAlpha), g, s[1.0]);
        Tensor avg;
        if (centered)
        {
            var gradAvg = state[^1];
            gradAvg.mul_(alpha).addcmul_(g, oneMinusAlpha, s[1.0]);
            avg = squareAvg.addcmul(gradAvg, gradAvg, s[-1.0]).sqrt_().add_(eps, s[1.0]);
        }
        else avg = squareAvg.sqrt().add_(eps, s[1.0]);
        if (momentum)
        {
            var buffer = state[1];
            buffer.mul_(m).addcdiv_(g, avg, s[1.0]);
            p.addcmul_(buffer, negLr, s[1.0]);
        }
        else p.addcmul_(g.div(avg), negLr, s[1.0]);
    }

    protected override bool HasKernel => true;

    protected override void Kernel(nint[] streams, long start, long end, double[] c)
    {
        float* p = (float*)streams[0], g = (float*)streams[1], squareAvg = (float*)streams[2];
        float* buffer = momentum ? (float*)streams[3] : null, gradAvg = centered ? (float*)streams[^1] : null;
        var (negLr, alpha, oneMinusAlpha, eps, m, wd) = (V(c[0]), V(c[1]), V(c[2]), V(c[3]), V(c[4]), V(c[5]));
        for (long i = start; i < end; i += Vector<float>.Count)
        {
            var pi = Vector.Load(p + i);
            var gi = Vector.Load(g + i);
            if (decay) gi += wd * pi;
            var si = alpha * Vector.Load(squareAvg + i) + oneMinusAlpha * gi * gi;
            si.Store(squareAvg + i);
            Vector<float> avg;
            if (centered)
            {
                var ai = alpha * Vector.Load(gradAvg + i) + oneMinusAlpha * gi;
                ai.Store(gradAvg + i);
                avg = Vector.SquareRoot(si - ai * ai) + eps;
            }
            else avg = Vector.SquareRoot(si) + eps;
            if (momentum)
            {
                var bi = m * Vector.Load(buffer + i) + gi / avg;
                bi.Store(buffer + i);
                (pi + negLr * bi).Store(p + i);
            }
            else (pi + negLr * gi / avg).Store(p + i);
        }
    }
}

/// <summary>
/// Adam and AdamW (no amsgrad) in <see cref="FusedAdam"/>'s form: coefficients decay (1 - lr · weight
/// decay for AdamW, 1 for Adam, applied to the weights first as AdamW does), beta1, beta2, and the step
/// size and epsilon with the slice's own bias corrections folded in (step = lr·sqrt(bc2)/bc1,
/// eps' = eps·sqrt(bc2): the same update as lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps) up to float rounding);
/// state exp_avg, exp_avg_sq.
/// </summary>
public sealed unsafe class AdamRule : StackedRule
{
    public static readonly AdamRule Instance = new();

    public override string Key => "adam";

    public static double[] Coefficients(double lr, double beta1, double beta2, double eps, double weightDecay, long step)
    {
        double sqrtBc2 = Math.Sqrt(1 - Math.Pow(beta2, step)), bc1 = 1 - Math.Pow(beta1, step);
        return [1 - lr * weightDecay, beta1, 1 - beta1, beta2, 1 - beta2, -(lr * sqrtBc2 / bc1), eps * sqrtBc2];
    }

    protected override void StepTensors(Tensor p, Tensor g, Tensor[] state, Tensor[] c, KeptScalars s)
    {
        var (decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStep, eps) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
        var (m, v) = (state[0], state[1]);
        p.mul_(decay);
        m.mul_(beta1).addcmul_(g, oneMinusBeta1, s[1.0]);
        v.mul_(beta2).addcmul_(g.mul(oneMinusBeta2), g, s[1.0]);
        var denominator = v.sqrt().add_(eps, s[1.0]);
        p.addcmul_(m.div(denominator), negStep, s[1.0]);
    }

    protected override bool HasKernel => true;

    protected override void Kernel(nint[] streams, long start, long end, double[] c)
    {
        float* p = (float*)streams[0], g = (float*)streams[1], m = (float*)streams[2], v = (float*)streams[3];
        var (decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStep, eps) = (V(c[0]), V(c[1]), V(c[2]), V(c[3]), V(c[4]), V(c[5]), V(c[6]));
        for (long i = start; i < end; i += Vector<float>.Count)
        {
            var gi = Vector.Load(g + i);
            var mi = beta1 * Vector.Load(m + i) + oneMinusBeta1 * gi;
            var vi = beta2 * Vector.Load(v + i) + oneMinusBeta2 * gi * gi;
            mi.Store(m + i);
            vi.Store(v + i);
            (Vector.Load(p + i) * decay + negStep * mi / (Vector.SquareRoot(vi) + eps)).Store(p + i);
        }
    }
}
