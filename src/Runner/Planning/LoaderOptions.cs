using Runner.Data;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>What loading an experiment needs: the registries, and the sweep's run limit (`--max-runs`).</summary>
public sealed record LoaderOptions(ComponentRegistries Models, Registry<IDatasetType> Datasets, int MaxRuns = 1000)
{
    /// <summary>The built-in registries (<see cref="RunnerRegistries"/>), as the commands, the report and predict load with.</summary>
    public static LoaderOptions BuiltIn(int maxRuns) => new(RunnerRegistries.Models, RunnerRegistries.Datasets, maxRuns);

    /// <summary>The sweep methods' sections (`race:`, `tpe:`): the methods live above Planning, so the caller hands
    /// them in (Cli's Loading); without them a sweep of a method is refused as an axis with a bad value.</summary>
    public IReadOnlyList<ISweepSection> Sections { get; init; } = [];

    /// <summary>Memory one run may use; null = what the runtime reports as available (container limits included).</summary>
    public double? AvailableMemoryBytes { get; init; }

    internal double MemoryBudget => AvailableMemoryBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
