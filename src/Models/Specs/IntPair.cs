namespace Runner.Models.Specs;

/// <summary>A (height, width) pair such as a kernel size; written as `5` or `[5, 3]` in YAML.</summary>
public readonly record struct IntPair(int Height, int Width)
{
    public override string ToString() => Height == Width ? $"{Height}" : $"[{Height}, {Width}]";
}
