using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Optimizers;

/// <summary>
/// TorchSharp's Adam with its update done in one pass over memory (<see cref="AdamRule"/>'s kernel):
/// each element's parameter, gradient and two moments are read once and written once, with SIMD, where
/// the tensor-op update makes 6-8 passes. That was a quarter of a CNN batch and the largest single cost
/// of the small MLPs (bench/README.md). It is PyTorch's fused=True Adam, which TorchSharp 0.107 lacks.
/// The state (step count, exp_avg, exp_avg_sq), param groups, learning rate and state dicts are the base
/// class's, so checkpoints and everything that reads the optimizer work unchanged (a saved state names
/// its optimizer type, so TorchSharp's Adam and this one don't read each other's). The bias corrections
/// are folded into the step size and epsilon (see <see cref="AdamRule"/>).
/// Only plain Adam (no amsgrad, weight decay or maximize) is built this way; see StandardOptimizers.
/// </summary>
public sealed class FusedAdam(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps)
    : Adam(parameters, lr, beta1, beta2, eps), IStackableOptimizer
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        foreach (var parameter in group.Parameters)
        {
            using var grad = parameter.grad;
            if (grad is null) continue;
            // A parameter is a stack of one slice to the rule.
            AdamRule.Instance.Step(parameter, grad, StateOf(parameter), [Advance(parameter)]);
        }
    }, closure);

    public StackedRule Rule => AdamRule.Instance;

    State Of(Parameter parameter) => (State)_state[parameter.Handle];

    public Tensor[] StateOf(Parameter parameter) => [Of(parameter).exp_avg, Of(parameter).exp_avg_sq];

    public double[] Advance(Parameter parameter)
    {
        var o = (Options)_parameter_groups[0].Options;
        return AdamRule.Coefficients(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, 0, ++Of(parameter).step);
    }
}
