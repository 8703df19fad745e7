using Runner.Config.Yaml;

namespace Runner.Config.Binding;

/// <summary>
/// Where the parts of a bound experiment were written, so that checks across sections (shapes,
/// classes, loss vs. labels, memory) can point at the node that is wrong.
/// </summary>
public sealed record ExperimentNodes(
    ConfigNode OneHot,
    ConfigNode Model,
    ConfigNode Input,
    IReadOnlyList<ConfigNode> Layers,
    ConfigNode Loss);
