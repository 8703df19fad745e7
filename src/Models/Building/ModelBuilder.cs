using Runner.Models.Layers.Modules;
using Runner.Models.Registries;
using Runner.Models.Shapes;
using Runner.Models.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Models.Building;

/// <summary>Turns a <see cref="ModelSpec"/> into a <see cref="LayerStack"/>, layer by layer from the registry.</summary>
public static class ModelBuilder
{
    const string SoftmaxName = "softmax";

    /// <summary>
    /// A stack of modules that first shapes the batch as model.input says (images channels-first), then
    /// runs the layers, each named as in the summary (dense, dense_1, ...). With
    /// <paramref name="fuseFinalSoftmax"/> and a model that <see cref="EndsInSoftmax"/>, that softmax
    /// is left out so the model outputs logits for a fused log-softmax loss. Weights come from
    /// context.Init and dropout masks from context.Dropout, in layer order, so a seed fixes both.
    /// Throws <see cref="LayerShapeException"/> as <see cref="ShapeInference.Infer"/> does.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Build(ModelSpec spec, BuildContext context, bool fuseFinalSoftmax)
    {
        var plan = ShapeInference.Infer(spec, context.Registries);
        bool dropSoftmax = fuseFinalSoftmax && EndsInSoftmax(spec);
        var modules = new List<(string, nn.Module<Tensor, Tensor>)> { ("input", new InputReshape(spec.Input)) };
        var shape = spec.Input;
        try
        {
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                var (type, args) = ShapeInference.Resolve(spec.Layers[i], i, context.Registries);
                if (dropSoftmax && i == spec.Layers.Count - 1)
                    args = args.With("activation", ComponentSpec.Of("linear"));
                modules.Add((plan.Layers[i].Name, type.Build(args, shape, context)));
                shape = plan.Layers[i].Output;
            }
            return new LayerStack(modules);
        }
        catch
        {
            foreach (var (_, module) in modules) module.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True when the last layer's activation is softmax: a dense or conv2d with activation softmax,
    /// or an `activation: softmax` layer.
    /// </summary>
    public static bool EndsInSoftmax(ModelSpec spec) =>
        spec.Layers.Count > 0
        && spec.Layers[^1].Arguments.TryGetValue("activation", out var activation)
        && activation is ComponentSpec { Name: var name }
        && name.Equals(SoftmaxName, StringComparison.OrdinalIgnoreCase);
}
