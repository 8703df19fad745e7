using Runner.Text;
using System.Globalization;
using Runner.Models.Shapes;

namespace Runner.Config.Binding;

/// <summary>
/// What training a model needs in memory, float32: weights, their gradients and up to two optimizer
/// slots per parameter (Adam's moments), plus every layer's activations and their gradients for one
/// batch. An estimate to refuse a model that can't fit, not an exact figure.
/// </summary>
public sealed record MemoryEstimate(long Parameters, long ActivationValuesPerSample, int BatchSize)
{
    const int BytesPerValue = 4;
    const int CopiesPerParameter = 4;  // weights, gradients, two optimizer slots
    const int CopiesPerActivation = 2; // forward value and its gradient

    public static MemoryEstimate Of(ModelPlan plan, int batchSize) =>
        new(plan.TotalParameters, plan.Input.Elements + plan.Layers.Sum(l => l.Output.Elements), batchSize);

    // Doubles: absurd models must be measured without overflowing.
    public double ParameterBytes => (double)Parameters * BytesPerValue * CopiesPerParameter;
    public double ActivationBytes => (double)ActivationValuesPerSample * BatchSize * BytesPerValue * CopiesPerActivation;
    public double TotalBytes => ParameterBytes + ActivationBytes;

    public string Explain(double availableBytes) =>
        $"the model needs about {Bytes(TotalBytes)} to train but {Bytes(availableBytes)} is available: " +
        $"{Numbers.Count(Parameters)} parameters x 4 bytes x {CopiesPerParameter} (weights, gradients, optimizer state) = {Bytes(ParameterBytes)}, " +
        $"plus activations at batch size {BatchSize} = {Bytes(ActivationBytes)}; use fewer units or filters, or a smaller batch_size";

    /// <summary>
    /// The layer that needs the most (its parameters' copies plus its activations at this batch size): the line
    /// an error about memory points at, since that is where the size has to come down.
    /// </summary>
    public static int DominantLayer(ModelPlan plan, int batchSize) =>
        plan.Layers.Count == 0 ? -1
        : plan.Layers.Select((l, i) => (Bytes: (double)l.Parameters * BytesPerValue * CopiesPerParameter
                                                + (double)l.Output.Elements * batchSize * BytesPerValue * CopiesPerActivation, Index: i))
            .MaxBy(l => l.Bytes).Index;

    static string Bytes(double bytes) => Numbers.Bytes(bytes);
}
