using Runner.Models.Registries;
using TorchSharp;

namespace Runner.Models.Optimizers;

/// <summary>
/// Keras's optimizers with Keras's names and defaults, mapped onto torch.optim. Where the update rules
/// differ slightly (PyTorch adds epsilon outside the square root, Keras inside for rmsprop and adagrad)
/// the PyTorch rule runs; the defaults are still Keras's. Each is TorchSharp's update with its scalars
/// kept alive during the native calls (<see cref="KeptScalars"/>), since runs train side by side.
/// </summary>
public static class StandardOptimizers
{
    static ParameterInfo LearningRate(double @default) => Param.Float("learning_rate", @default, "Step size.", ValueRange.Positive);
    static readonly ParameterInfo Epsilon = Param.Float("epsilon", 1e-7, "Added for numerical stability (Keras 1e-7; PyTorch's is 1e-8).", ValueRange.Positive);
    static readonly ParameterInfo Beta1 = Param.Float("beta_1", 0.9, "Decay of the running mean of gradients.", ValueRange.Fraction);
    static readonly ParameterInfo Beta2 = Param.Float("beta_2", 0.999, "Decay of the running mean of squared gradients.", ValueRange.Fraction);
    static readonly ParameterInfo Amsgrad = Param.Bool("amsgrad", false, "Use the AMSGrad variant (max of past squared gradients).");
    static readonly ParameterInfo Momentum = Param.Float("momentum", 0.0, "Momentum factor; 0 for none.", ValueRange.NonNegative);
    static readonly ParameterInfo Rho = Param.Float("rho", 0.9, "Decay of the running mean of squared gradients (PyTorch's alpha, default 0.99 there).", ValueRange.Fraction);

    public static readonly OptimizerType Sgd = new(
        "sgd", "Stochastic gradient descent, optionally with (Nesterov) momentum.",
        [
            LearningRate(0.01), Momentum,
            Param.Bool("nesterov", false, "Nesterov momentum (only has an effect with momentum > 0)."),
            Param.Float("weight_decay", 0.0, "L2 penalty added to the gradient (the same as Keras's decoupled decay when momentum is 0).", ValueRange.NonNegative),
        ],
        (p, a) => new ScalarSafe.SGD(p, a.Float("learning_rate"), a.Float("momentum"),
            a.Float("weight_decay"), a.Bool("nesterov") && a.Float("momentum") > 0));

    public static readonly OptimizerType RmsProp = new(
        "rmsprop", "Divides the gradient by a running root mean square. Keras's default optimizer.",
        [LearningRate(0.001), Rho, Momentum, Epsilon, Param.Bool("centered", false, "Normalise by the gradient's estimated variance rather than its second moment.")],
        (p, a) => new ScalarSafe.RMSProp(p, a.Float("learning_rate"), a.Float("rho"), a.Float("epsilon"),
            a.Float("momentum"), a.Bool("centered")));

    public static readonly OptimizerType AdamW = new(
        "adamw", "Adam with decoupled weight decay.",
        [LearningRate(0.001), Param.Float("weight_decay", 0.004, "Decoupled weight decay (Keras default 0.004).", ValueRange.NonNegative), Beta1, Beta2, Epsilon, Amsgrad],
        (p, a) => new ScalarSafe.AdamW(p, a.Float("learning_rate"), a.Float("beta_1"), a.Float("beta_2"), a.Float("epsilon"),
            a.Float("weight_decay"), a.Bool("amsgrad")));

    public static readonly OptimizerType Adam = new(
        "adam", "Adaptive moments. A weight_decay > 0 is decoupled as in Keras (the AdamW update).",
        [LearningRate(0.001), Beta1, Beta2, Epsilon, Amsgrad, Param.Float("weight_decay", 0.0, "Decoupled weight decay.", ValueRange.NonNegative)],
        (p, a) => a.Float("weight_decay") > 0 ? AdamW.Create(p, a)
            : a.Bool("amsgrad") ? new ScalarSafe.Adam(p, a.Float("learning_rate"), a.Float("beta_1"), a.Float("beta_2"), a.Float("epsilon"), amsgrad: true)
            : new FusedAdam(p, a.Float("learning_rate"), a.Float("beta_1"), a.Float("beta_2"), a.Float("epsilon")));

    public static readonly OptimizerType Adagrad = new(
        "adagrad", "Per-parameter step sizes from the sum of past squared gradients.",
        [LearningRate(0.001), Param.Float("initial_accumulator_value", 0.1, "Starting value of the sum of squares (PyTorch's default is 0).", ValueRange.NonNegative), Epsilon],
        (p, a) => new ScalarSafe.Adagrad(p, a.Float("learning_rate"), a.Float("initial_accumulator_value"), a.Float("epsilon")));

    public static readonly OptimizerType Adadelta = new(
        "adadelta", "Adagrad with a decaying window of squared gradients and updates.",
        [LearningRate(0.001), Param.Float("rho", 0.95, "Decay rate (Keras 0.95; PyTorch's is 0.9).", ValueRange.Fraction), Epsilon],
        (p, a) => new ScalarSafe.Adadelta(p, a.Float("learning_rate"), a.Float("rho"), a.Float("epsilon")));

    public static readonly OptimizerType Adamax = new(
        "adamax", "Adam with the infinity norm.",
        [LearningRate(0.001), Beta1, Beta2, Epsilon],
        (p, a) => new ScalarSafe.Adamax(p, a.Float("learning_rate"), a.Float("beta_1"), a.Float("beta_2"), a.Float("epsilon")));

    public static readonly OptimizerType Nadam = new(
        "nadam", "Adam with Nesterov momentum (Keras's momentum schedule, decay 0.004).",
        [LearningRate(0.001), Beta1, Beta2, Epsilon],
        (p, a) => new ScalarSafe.NAdam(p, a.Float("learning_rate"), a.Float("beta_1"), a.Float("beta_2"), a.Float("epsilon")));
}
