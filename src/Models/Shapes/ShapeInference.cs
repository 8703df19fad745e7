using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Shapes;

/// <summary>Works a model out on paper: every layer's output shape, parameter count and Keras name.</summary>
public static class ShapeInference
{
    /// <summary>
    /// Throws <see cref="LayerShapeException"/> at the first layer that cannot work (an unknown
    /// layer name, a bad argument or an input shape it can't take), with that layer's index and a
    /// message that says what would fit.
    /// </summary>
    public static ModelPlan Infer(ModelSpec spec, ComponentRegistries registries)
    {
        if (spec.Input.Rank == 0 || spec.Input.Dims.Any(d => d < 1))
            throw new LayerShapeException(-1, $"model.input must be one or more positive sizes, e.g. [28, 28] or [28, 28, 1], but is [{string.Join(", ", spec.Input.Dims)}]");

        var names = new KerasNames();
        var rows = new List<LayerRow>();
        var shape = spec.Input;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var step = Resolve(spec.Layers[i], i, registries);
            var output = AtLayer(i, () => step.Type.OutputShape(step.Arguments, shape));
            rows.Add(new LayerRow(
                names.Next(step.Type.KerasClass), step.Type.KerasClass, output,
                step.Type.ParameterCount(step.Arguments, shape),
                step.Type.NonTrainableParameterCount(step.Arguments, shape)));
            shape = output;
        }
        return new ModelPlan(spec.Input, rows);
    }

    /// <summary>A layer's registered type and its arguments with every default filled in.</summary>
    public static (ILayerType Type, Arguments Arguments) Resolve(ComponentSpec layer, int index, ComponentRegistries registries) =>
        AtLayer(index, () =>
        {
            var type = registries.Layers.Get(layer.Name);
            return (type, type.WithDefaults(layer.Arguments));
        });

    static T AtLayer<T>(int index, Func<T> step)
    {
        try { return step(); }
        catch (Exception e) when (e is ShapeException or UnknownNameException or ArgumentException)
        {
            throw new LayerShapeException(index, e.Message);
        }
    }
}
