namespace Runner.Planning;

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

/// <summary>
/// A trial's random point in a search space: the random startup trials of a TPE search (planned in
/// advance) and TPE's own draws use it. Trial k draws from a generator seeded by (seed, k) only, so the
/// same seed gives the same trials in any order.
/// </summary>
public static class RandomTrial
{
    public static SplitMix64 Generator(ulong seed, int trial) => new(seed * 1_000_003UL + (ulong)trial);

    /// <summary>Attempt 0 is <see cref="Generator(ulong, int)"/>; each later attempt (a draw again, after a point broke a
    /// constraint known before training) its own stream.</summary>
    public static SplitMix64 Generator(ulong seed, int trial, int attempt) =>
        attempt == 0 ? Generator(seed, trial) : new((seed * 1_000_003UL + (ulong)trial) ^ ((ulong)attempt * 0x9E3779B97F4A7C15UL));

    /// <summary>A value per dimension, drawn in order from <paramref name="random"/>: a choice's index, or a number in its interval.</summary>
    public static IReadOnlyList<double> Point(IReadOnlyList<SearchDimension> space, SplitMix64 random) =>
        space.Select(d => Value(d, random)).ToList();

    static double Value(SearchDimension dimension, SplitMix64 random)
    {
        if (dimension is ChoiceDimension choice) return (int)(random.Next() % (ulong)choice.Count);
        var number = (NumberDimension)dimension;
        var (low, high) = number.Internal;
        return number.FromInternal(low + random.NextDouble() * (high - low));
    }
}
