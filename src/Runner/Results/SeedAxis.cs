namespace Runner.Results;

/// <summary>
/// The sweep axis that means "repeat with another seed": `repeats:` and `race:` make it, statistics go
/// across it, and it is no hyperparameter (TensorBoard groups runs that differ only in it).
/// </summary>
public static class SeedAxis
{
    public const string Name = "seed";
}
