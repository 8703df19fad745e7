namespace Runner.Models.Registries;

/// <summary>One registry per kind. <see cref="BuiltIns"/> fills them all in one place.</summary>
public sealed class ComponentRegistries
{
    public Registry<ILayerType> Layers { get; } = new("layer");
    public Registry<IActivationType> Activations { get; } = new("activation");
    public Registry<IInitializerType> Initializers { get; } = new("initializer");
    public Registry<IOptimizerType> Optimizers { get; } = new("optimizer");
    public Registry<ILossType> Losses { get; } = new("loss");
    public Registry<IMetricType> Metrics { get; } = new("metric");
}
