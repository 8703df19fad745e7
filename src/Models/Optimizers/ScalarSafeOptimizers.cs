using TorchSharp;
using static TorchSharp.torch;
using Modules = TorchSharp.Modules;
using Parameter = TorchSharp.Modules.Parameter;

// TorchSharp's optimizers with their update steps unchanged, op for op (so the numbers are the same),
// except that every double reaches libtorch as a KeptScalars Scalar, alive for the whole step: see
// KeptScalars for the crash TorchSharp's own steps cause when runs train side by side. Each keeps its
// TorchSharp class name, which a saved optimizer state records and checks, so checkpoints written by
// TorchSharp's classes and these load into each other.
namespace Runner.Models.Optimizers.ScalarSafe;

public sealed class SGD(IEnumerable<Parameter> parameters, double lr, double momentum, double weight_decay, bool nesterov)
    : Modules.SGD(parameters, lr, momentum, 0, weight_decay, nesterov), IStackableOptimizer
{
    public StackedRule? Rule { get; } = new SgdRule(momentum != 0, nesterov, weight_decay != 0);

    public Tensor[] StateOf(Parameter parameter)
    {
        if (((Options)_parameter_groups[0].Options).momentum!.Value == 0) return [];
        var state = (State)_state[parameter.Handle];
        state.momentum_buffer ??= zeros_like(parameter).DetachFromDisposeScope();
        return [state.momentum_buffer];
    }

    public double[] Advance(Parameter parameter)
    {
        var o = (Options)_parameter_groups[0].Options;
        return SgdRule.Coefficients(o.LearningRate!.Value, o.momentum!.Value, o.weight_decay!.Value);
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = group.Options;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            if (o.weight_decay!.Value != 0) grad = grad.add(param, alpha: s[o.weight_decay.Value]);
            if (o.momentum!.Value != 0)
            {
                var buf = state.momentum_buffer;
                if (buf is null) state.momentum_buffer = buf = grad.clone().detach().DetachFromDisposeScope();
                else buf.mul_(s[o.momentum.Value]).add_(grad, alpha: s[1 - o.dampening!.Value]);
                grad = o.nesterov!.Value ? grad.add(buf, alpha: s[o.momentum.Value]) : buf;
            }
            param.add_(grad, alpha: s[o.maximize!.Value ? o.LearningRate!.Value : -o.LearningRate!.Value]);
        }
    }, closure);
}

public sealed class RMSProp(IEnumerable<Parameter> parameters, double lr, double alpha, double eps, double momentum, bool centered)
    : Modules.RMSProp(parameters, lr, alpha, eps, 0, momentum, centered), IStackableOptimizer
{
    public StackedRule? Rule { get; } = new RmsPropRule(momentum > 0, centered, decay: false);

    public Tensor[] StateOf(Parameter parameter)
    {
        var (o, state) = ((Options)_parameter_groups[0].Options, (State)_state[parameter.Handle]);
        return [state.square_avg, .. o.momentum!.Value > 0 ? [state.momentum_buffer] : Array.Empty<Tensor>(),
            .. o.centered!.Value ? [state.grad_avg] : Array.Empty<Tensor>()];
    }

    public double[] Advance(Parameter parameter)
    {
        var o = (Options)_parameter_groups[0].Options;
        ((State)_state[parameter.Handle]).step += 1;
        return RmsPropRule.Coefficients(o.LearningRate!.Value, o.alpha!.Value, o.eps!.Value, o.momentum!.Value, o.weight_decay!.Value);
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double alpha = o.alpha!.Value, eps = o.eps!.Value, momentum = o.momentum!.Value, lr = o.LearningRate!.Value;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            if (o.maximize!.Value) grad = -grad;
            var state = (State)_state[param.Handle];
            state.step += 1;
            if (o.weight_decay!.Value != 0) grad = grad.add(param, alpha: s[o.weight_decay.Value]);
            state.square_avg.mul_(s[alpha]).addcmul_(grad, grad, value: s[1 - alpha]);
            Tensor avg;
            if (o.centered!.Value)
            {
                state.grad_avg.mul_(s[alpha]).add_(grad, alpha: s[1 - alpha]);
                avg = state.square_avg.addcmul(state.grad_avg, state.grad_avg, value: s[-1]).sqrt_().add_(s[eps], s[1]);
            }
            else avg = state.square_avg.sqrt().add_(s[eps], s[1]);
            if (momentum > 0)
            {
                state.momentum_buffer.mul_(s[momentum]).addcdiv_(grad, avg, s[1]);
                param.add_(state.momentum_buffer, alpha: s[-lr]);
            }
            else param.addcdiv_(grad, avg, s[-lr]);
        }
    }, closure);
}

public sealed class Adagrad(IEnumerable<Parameter> parameters, double lr, double initial_accumulator_value, double eps)
    : Modules.Adagrad(parameters, lr, 0, 0, initial_accumulator_value, eps)
{
    /// <summary>TorchSharp's, with the accumulator's initial value as a kept Scalar (the base constructor calls this).</summary>
    public override void add_param_group(Modules.ParamGroup param_group)
    {
        var defaults = (Options)_defaults;
        param_group.Options ??= new Options();
        var o = (Options)param_group.Options;
        o.LearningRate ??= defaults.LearningRate;
        o.lr_decay ??= defaults.lr_decay;
        o.eps ??= defaults.eps;
        o.weight_decay ??= defaults.weight_decay;
        o.initial_accumulator_value ??= defaults.initial_accumulator_value;
        o.InitialLearningRate = o.LearningRate!.Value;
        _parameter_groups.Add(param_group);
        using var s = new KeptScalars();
        foreach (var p in param_group.Parameters)
            _state[p.Handle] = new State(p) { step = 0, sum = full_like(p, s[o.initial_accumulator_value!.Value]).DetachFromDisposeScope() };
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            if (o.weight_decay!.Value != 0) grad = grad.add(param, alpha: s[o.weight_decay.Value]);
            var clr = o.LearningRate!.Value / (1 + (state.step - 1) * o.lr_decay!.Value);
            state.sum.addcmul_(grad, grad, value: s[1]);
            var std = state.sum.sqrt().add_(s[o.eps!.Value], s[1]);
            param.addcdiv_(grad, std, value: s[-clr]);
        }
    }, closure);
}

public sealed class Adadelta(IEnumerable<Parameter> parameters, double lr, double rho, double eps)
    : Modules.Adadelta(parameters, lr, rho, eps)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double rho = o.rho!.Value, eps = o.eps!.Value;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            if (o.maximize!.Value) grad = -grad;
            var state = (State)_state[param.Handle];
            grad = o.weight_decay!.Value != 0 ? grad.add(param, alpha: s[o.weight_decay.Value]) : grad.alias();
            state.square_avg.mul_(s[rho]).addcmul_(grad, grad, s[1 - rho]);
            var std = state.square_avg.add(s[eps], s[1]).sqrt_();
            var delta = state.acc_delta.add(s[eps], s[1]).sqrt_().div_(std).mul_(grad);
            param.add_(delta, alpha: s[-o.LearningRate!.Value]);
            state.acc_delta.mul_(s[rho]).addcmul_(delta, delta, s[1 - rho]);
        }
    }, closure);
}

public sealed class Adamax(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : Modules.Adamax(parameters, lr, beta1, beta2, eps)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            grad = o.weight_decay!.Value != 0 ? grad.add(param, alpha: s[o.weight_decay.Value]) : grad.alias();
            state.exp_avg.mul_(s[beta1]).add_(grad, alpha: s[1 - beta1]);
            var norm = cat([state.exp_inf.mul_(s[beta2]).unsqueeze(0), grad.abs().add_(s[o.eps!.Value], s[1]).unsqueeze_(0)], 0);
            amax(norm, [0], false, state.exp_inf);
            param.addcdiv_(state.exp_avg, state.exp_inf, value: s[-(o.LearningRate!.Value / (1 - Math.Pow(beta1, state.step)))]);
        }
    }, closure);
}

public sealed class NAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : Modules.NAdam(parameters, lr, beta1, beta2, eps)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, lr = o.LearningRate!.Value, decay = o.momentum_decay!.Value;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            grad = o.weight_decay!.Value != 0 ? grad.add(param, alpha: s[o.weight_decay.Value]) : grad.alias();
            var mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, state.step * decay));
            var muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (state.step + 1) * decay));
            var muProduct = state.mu_product * mu;
            var muProductNext = muProduct * muNext;
            state.exp_avg.mul_(s[beta1]).add_(grad, alpha: s[1 - beta1]);
            state.exp_avg_sq.mul_(s[beta2]).addcmul_(grad, grad, value: s[1 - beta2]);
            var denom = state.exp_avg_sq.div(s[biasCorrection2]).sqrt_().add_(s[o.eps!.Value], s[1]);
            param.addcdiv_(grad, denom, value: s[-lr * (1 - mu) / (1 - muProduct)]);
            param.addcdiv_(state.exp_avg, denom, value: s[-lr * muNext / (1 - muProductNext)]);
            state.mu_product = muProduct;
        }
    }, closure);
}

public sealed class AdamW(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad)
    : Modules.AdamW(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad), IStackableOptimizer
{
    public StackedRule? Rule { get; } = amsgrad ? null : AdamRule.Instance;

    State Of(Parameter parameter) => (State)_state[parameter.Handle];

    public Tensor[] StateOf(Parameter parameter) => [Of(parameter).exp_avg, Of(parameter).exp_avg_sq];

    public double[] Advance(Parameter parameter)
    {
        var o = (Options)_parameter_groups[0].Options;
        return AdamRule.Coefficients(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value, ++Of(parameter).step);
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            if (o.maximize!.Value) grad = -grad;
            var state = (State)_state[param.Handle];
            state.step += 1;
            param.mul_(s[1 - o.LearningRate!.Value * o.weight_decay!.Value]);
            AdamMoments.Update(s, param, grad, state.step, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.LearningRate.Value,
                state.exp_avg, state.exp_avg_sq, o.amsgrad!.Value ? m => state.max_exp_avg_sq = m : null, state.max_exp_avg_sq);
        }
    }, closure);
}

/// <summary>Adam with amsgrad (plain Adam is <see cref="FusedAdam"/>).</summary>
public sealed class Adam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, bool amsgrad)
    : Modules.Adam(parameters, lr, beta1, beta2, eps, 0, amsgrad)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        using var s = new KeptScalars();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            if (o.maximize!.Value) grad = -grad;
            var state = (State)_state[param.Handle];
            state.step += 1;
            if (o.weight_decay!.Value != 0) grad = grad.add(param, alpha: s[o.weight_decay.Value]);
            AdamMoments.Update(s, param, grad.conj(), state.step, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.LearningRate!.Value,
                state.exp_avg, state.exp_avg_sq, o.amsgrad!.Value ? m => state.max_exp_avg_sq = m : null, state.max_exp_avg_sq);
        }
    }, closure);
}

/// <summary>The moment update and step Adam and AdamW share, as TorchSharp writes it.</summary>
static class AdamMoments
{
    /// <param name="setMax">amsgrad: stores the new running maximum of the second moment (null without amsgrad)</param>
    public static void Update(KeptScalars s, Tensor param, Tensor grad, long step, double beta1, double beta2, double eps, double lr,
        Tensor expAvg, Tensor expAvgSq, Action<Tensor>? setMax, Tensor? maxExpAvgSq)
    {
        double biasCorrection1 = 1 - Math.Pow(beta1, step), biasCorrection2 = 1 - Math.Pow(beta2, step);
        expAvg.mul_(s[beta1]).add_(grad, alpha: s[1 - beta1]);
        expAvgSq.mul_(s[beta2]).addcmul_(grad, grad, value: s[1 - beta2]);
        var second = expAvgSq;
        if (setMax is not null)
        {
            second = maximum(maxExpAvgSq!, expAvgSq).DetachFromDisposeScope();
            setMax(second);
            maxExpAvgSq!.Dispose();
        }
        var denom = second.sqrt().div(s[Math.Sqrt(biasCorrection2)]).add_(s[eps], s[1]);
        param.addcdiv_(expAvg, denom, value: s[-(lr / biasCorrection1)]);
    }
}
