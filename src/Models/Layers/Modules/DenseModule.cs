using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Models.Layers.Modules;

/// <summary>activation(x W^T + b) with W of shape [units, inputs] (TorchSharp's layout; Keras stores its transpose).</summary>
public sealed class DenseModule(Parameter weight, Parameter? bias, nn.Module<Tensor, Tensor> activation)
    : WeightedModule("dense", weight, bias, activation)
{
    protected override Tensor Apply(Tensor input) => nn.functional.linear(input, Weight, Bias);
}
