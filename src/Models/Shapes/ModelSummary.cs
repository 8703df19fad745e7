using System.Globalization;
using System.Text;

namespace Runner.Models.Shapes;

/// <summary>
/// Keras's model.summary() as plain text (ASCII rules, so it reads the same in a terminal and in
/// summary.txt), with Keras's totals and float32 sizes: "Total params: 79,510 (310.59 KB)".
/// </summary>
public static class ModelSummary
{
    const string LayerHeader = "Layer (type)", ShapeHeader = "Output Shape", ParamHeader = "Param #";

    public static string Render(ModelPlan plan, string modelName = "sequential")
    {
        var rows = plan.Layers.Select(l => (Layer: $"{l.Name} ({l.Type})", Shape: l.Output.ToString(), Params: Count(l.Parameters))).ToList();
        int layerWidth = Math.Max(29, rows.Select(r => r.Layer.Length).DefaultIfEmpty(0).Max() + 2);
        int shapeWidth = Math.Max(26, rows.Select(r => r.Shape.Length).DefaultIfEmpty(0).Max() + 2);
        int paramWidth = Math.Max(ParamHeader.Length, rows.Select(r => r.Params.Length).DefaultIfEmpty(0).Max());
        int width = 1 + layerWidth + shapeWidth + paramWidth;

        var text = new StringBuilder();
        void Line(string s) => text.Append(s.TrimEnd()).Append('\n');
        void Row(string layer, string shape, string parameters) =>
            Line(" " + layer.PadRight(layerWidth) + shape.PadRight(shapeWidth) + parameters.PadLeft(paramWidth));

        Line($"Model: \"{modelName}\"");
        Line(new string('_', width));
        Row(LayerHeader, ShapeHeader, ParamHeader);
        Line(new string('=', width));
        foreach (var r in rows) Row(r.Layer, r.Shape, r.Params);
        Line(new string('=', width));
        Line($"Total params: {Count(plan.TotalParameters)} ({Size(plan.TotalParameters)})");
        Line($"Trainable params: {Count(plan.TrainableParameters)} ({Size(plan.TrainableParameters)})");
        Line($"Non-trainable params: {Count(plan.NonTrainableParameters)} ({Size(plan.NonTrainableParameters)})");
        Line(new string('_', width));
        return text.ToString();
    }

    static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Keras's readable size of float32 parameters: 1024-based, two decimals.</summary>
    static string Size(long parameters)
    {
        double bytes = parameters * 4.0;
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1) { bytes /= 1024; unit++; }
        return bytes.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
