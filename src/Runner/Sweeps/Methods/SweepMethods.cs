using Runner.Planning;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.FixedPlan;
using Runner.Sweeps.Methods.Race;
using Runner.Sweeps.Methods.Sobol;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Sweeps.Methods;

/// <summary>
/// Every sweep method, as BuiltIns registers components: adding one is its folder and one line here
/// (docs/architecture.md, "How to add a sweep method"). The order is the order of their keys in the schema.
/// </summary>
public static class SweepMethods
{
    public static IReadOnlyList<ISweepMethod> All { get; } =
    [
        new FixedPlanMethod(),
        new RaceMethod(),
        new TpeMethod(),
        new SobolMethod(),
    ];

    /// <summary>The methods' `sweep:` sections, for the loader, `--set` and the schema.</summary>
    public static IReadOnlyList<ISweepSection> Sections { get; } = All.Select(m => m.Section).OfType<ISweepSection>().ToList();

    /// <summary>The method that runs an experiment.</summary>
    public static ISweepMethod Of(LoadedExperiment experiment) =>
        All.FirstOrDefault(m => m.Runs(experiment.Method))
        ?? throw new InvalidOperationException($"no sweep method registered in {nameof(SweepMethods)} runs {experiment.Method?.GetType().Name}");

    /// <summary>The decisions by round of the method whose entries the journal holds (`serve`); none when no method has rounds.</summary>
    public static IReadOnlyList<(int Seeds, JournalEntry Entry)> Rounds(IReadOnlyList<JournalEntry> journal, string path) =>
        All.Select(m => m.Rounds(journal, path)).FirstOrDefault(r => r.Count > 0) ?? [];

    /// <summary>Every method's lines about a journal's decisions (`status`, `plan`).</summary>
    public static IEnumerable<string> Decisions(IReadOnlyList<JournalEntry> journal, string path) =>
        All.SelectMany(m => m.Decisions(journal, path));
}
