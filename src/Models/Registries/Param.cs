using Runner.Models.Specs;

namespace Runner.Models.Registries;

/// <summary>Short factories for <see cref="ParameterInfo"/>, so a component's declarations read as a list.</summary>
public static class Param
{
    /// <summary>An int; a null default makes it required.</summary>
    public static ParameterInfo Int(string name, int? @default, string description, ValueRange? range = null) =>
        new(name, ParameterType.Int, @default, description) { Range = range };

    /// <summary>A float; a null default makes it required.</summary>
    public static ParameterInfo Float(string name, double? @default, string description, ValueRange? range = null) =>
        new(name, ParameterType.Float, @default, description) { Range = range };

    public static ParameterInfo Bool(string name, bool @default, string description) =>
        new(name, ParameterType.Bool, @default, description);

    public static ParameterInfo Choice(string name, string @default, IReadOnlyList<string> choices, string description) =>
        new(name, ParameterType.Choice, @default, description) { Choices = choices };

    /// <summary>A (height, width) pair; <paramref name="range"/> applies to both numbers.</summary>
    public static ParameterInfo Pair(string name, IntPair? @default, string description, ValueRange? range = null, bool optional = false) =>
        new(name, ParameterType.IntPair, @default, description) { Range = range, Optional = optional };

    /// <summary>An activation by name; a null default makes it required.</summary>
    public static ParameterInfo Activation(string name, string? @default, string description) =>
        new(name, ParameterType.Activation, @default is null ? null : ComponentSpec.Of(@default), description);

    public static ParameterInfo Initializer(string name, string @default, string description) =>
        new(name, ParameterType.Initializer, ComponentSpec.Of(@default), description);
}
