namespace Runner.Sweeps.Search;

/// <summary>One axis of a search space, as `random:` writes it: uniform, loguniform, int or choice.</summary>
public abstract record SearchDimension(string Name);

/// <summary>`uniform: [low, high]`, `loguniform: [low, high]` (Log) or `int: [low, high]` (Integer).</summary>
public sealed record NumberDimension(string Name, double Low, double High, bool Log, bool Integer) : SearchDimension(Name)
{
    /// <summary>The interval the estimator works in: logs for loguniform; an int covers [low - 1/2, high + 1/2] and rounds.</summary>
    public (double Low, double High) Internal => Integer
        ? Log ? (Math.Log(Low - 0.5), Math.Log(High + 0.5)) : (Low - 0.5, High + 0.5)
        : Log ? (Math.Log(Low), Math.Log(High)) : (Low, High);

    public double ToInternal(double value) => Log ? Math.Log(value) : value;

    public double FromInternal(double x)
    {
        double value = Log ? Math.Exp(x) : x;
        return Integer ? Math.Clamp(Math.Round(value), Low, High) : Math.Clamp(value, Low, High);
    }
}

/// <summary>`choice: [a, b, c]`: a point holds the index of the choice.</summary>
public sealed record ChoiceDimension(string Name, int Count) : SearchDimension(Name);
