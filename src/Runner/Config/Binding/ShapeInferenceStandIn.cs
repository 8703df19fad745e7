// TEMPORARY: stands in for Runner.Models.Shapes.ShapeInference until the models branch commits it; delete on merge.
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Shapes;

static class ShapeInference
{
    public static ModelPlan Infer(ModelSpec spec, ComponentRegistries registries)
    {
        var rows = new List<LayerRow>();
        var shape = spec.Input;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            try
            {
                var type = registries.Layers.Get(spec.Layers[i].Name);
                var output = type.OutputShape(spec.Layers[i].Arguments, shape);
                rows.Add(new LayerRow(type.Name, type.KerasClass, output, type.ParameterCount(spec.Layers[i].Arguments, shape)));
                shape = output;
            }
            catch (Exception e) when (e is ShapeException or UnknownNameException or ArgumentException)
            {
                throw new LayerShapeException(i, e.Message);
            }
        }
        return new ModelPlan(spec.Input, rows);
    }
}
