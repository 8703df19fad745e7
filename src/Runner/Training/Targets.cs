using static TorchSharp.torch;

namespace Runner.Training;

/// <summary>What the loss compares the output with: the class indices, or one-hot rows made from them.</summary>
public static class Targets
{
    public static Tensor For(Tensor labels, bool oneHot, int classes) =>
        oneHot ? nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32) : labels;
}
