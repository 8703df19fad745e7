using System.Globalization;

namespace Runner.Models.Registries;

/// <summary>What a YAML value of a parameter must be.</summary>
public enum ParameterType
{
    Int,
    Float,
    Bool,
    /// <summary>One of <see cref="ParameterInfo.Choices"/>.</summary>
    Choice,
    /// <summary>`5` or `[5, 3]`, held as an IntPair.</summary>
    IntPair,
    /// <summary>A name or `{name: ..., ...}` from the activation registry, held as a ComponentSpec.</summary>
    Activation,
    /// <summary>A name or `{name: ..., ...}` from the initializer registry, held as a ComponentSpec.</summary>
    Initializer,
    /// <summary>Free text held as a string, such as a file path or a column name.</summary>
    Text,
}

/// <summary>
/// One declared parameter of a registered component. The declaration drives validation, defaults,
/// `runner list` and the resolved config, so a builder never sees an unchecked value.
/// </summary>
public sealed record ParameterInfo(string Name, ParameterType Type, object? Default, string Description)
{
    public ValueRange? Range { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Optional parameters without a default are absent unless given (e.g. pooling strides).</summary>
    public bool Optional { get; init; }

    public bool Required => Default is null && !Optional;

    public string DefaultText => Default is null ? (Optional ? "(none)" : "(required)") : Specs.Arguments.Format(Default);
}

/// <summary>An interval such as [0, 1) for a dropout rate; written the mathematical way in messages.</summary>
public sealed record ValueRange(double Min, double Max, bool MinInclusive = true, bool MaxInclusive = true)
{
    public static ValueRange AtLeast(double min) => new(min, double.PositiveInfinity);
    public static ValueRange Positive => new(0, double.PositiveInfinity, MinInclusive: false);
    public static ValueRange NonNegative => AtLeast(0);
    public static ValueRange Fraction => new(0, 1, MaxInclusive: false);
    public static ValueRange Unit => new(0, 1);

    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    public override string ToString()
    {
        static string F(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("R", CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(Max)) return MinInclusive ? $">= {F(Min)}" : $"> {F(Min)}";
        return (MinInclusive ? "[" : "(") + F(Min) + ", " + F(Max) + (MaxInclusive ? "]" : ")");
    }
}
