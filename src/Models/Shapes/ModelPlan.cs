using Runner.Models.Specs;

namespace Runner.Models.Shapes;

/// <summary>One row of the Keras-style summary: "dense_1 (Dense) | (None, 100) | 78,500".</summary>
/// <param name="Parameters">As Keras counts them, non-trainable ones included.</param>
/// <param name="NonTrainableParameters">The part training does not update (batchnorm's moving mean and variance).</param>
public sealed record LayerRow(string Name, string Type, Shape Output, long Parameters, long NonTrainableParameters = 0);

/// <summary>A model worked out on paper: every layer's output shape and parameter count.</summary>
public sealed record ModelPlan(Shape Input, IReadOnlyList<LayerRow> Layers)
{
    public long TotalParameters => Layers.Sum(l => l.Parameters);
    public long NonTrainableParameters => Layers.Sum(l => l.NonTrainableParameters);
    public long TrainableParameters => TotalParameters - NonTrainableParameters;
    public Shape Output => Layers.Count == 0 ? Input : Layers[^1].Output;
}

/// <summary>
/// A layer stack that cannot work, with the index of the offending layer in `model.layers`
/// (-1 when model.input itself is wrong).
/// </summary>
public sealed class LayerShapeException(int layerIndex, string message) : Exception(message)
{
    public int LayerIndex { get; } = layerIndex;
}
