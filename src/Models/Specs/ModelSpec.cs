namespace Runner.Models.Specs;

/// <summary>A layer stack on an input shape: what `model:` in an experiment file describes.</summary>
public sealed record ModelSpec(Shape Input, IReadOnlyList<ComponentSpec> Layers);
