namespace Runner.Models.Specs;

/// <summary>
/// A named, parameterised piece taken from a registry: a layer, an activation, an initializer, an
/// optimizer, a loss. Arguments hold every declared parameter, defaults filled in.
/// </summary>
public sealed record ComponentSpec(string Name, Arguments Arguments)
{
    public static ComponentSpec Of(string name) => new(name, Arguments.Empty);
    public override string ToString() => Arguments.Count == 0 ? Name : $"{Name}({Arguments})";
}
