using Runner.Models.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Activations;

/// <summary>
/// ELU and LeakyReLU as TorchSharp computes them, with their constants passed as kept Scalars: TorchSharp's
/// modules make a temporary Scalar on every forward, which another run's garbage collection can free
/// under libtorch (<see cref="KeptScalars"/>).
/// </summary>
public sealed class KeptScalarElu(double alpha) : nn.Module<Tensor, Tensor>("ELU")
{
    public override Tensor forward(Tensor x)
    {
        using var s = new KeptScalars();
        return x.elu(s[alpha], s[1.0], s[1.0]);
    }
}

/// <inheritdoc cref="KeptScalarElu"/>
public sealed class KeptScalarLeakyRelu(double negativeSlope) : nn.Module<Tensor, Tensor>("LeakyReLU")
{
    public override Tensor forward(Tensor x)
    {
        using var s = new KeptScalars();
        return x.leaky_relu(s[negativeSlope]);
    }
}
