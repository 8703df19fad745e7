using Runner.Models.Specs;

namespace Runner.Models.Registries;

public static class ComponentDefaults
{
    /// <summary>
    /// The given arguments plus every declared default that is missing. Builders call this so a spec
    /// written in code (ComponentSpec.Of("relu"), a nested activation) works like a fully resolved one.
    /// Throws <see cref="ArgumentException"/> for an unknown or a missing required parameter.
    /// </summary>
    public static Arguments WithDefaults(this IComponentType type, Arguments given) =>
        Arguments.For(type.Parameters, given.Select(g => (g.Key, g.Value)).ToArray());
}
