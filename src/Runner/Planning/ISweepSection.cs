using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// A sweep method's key under `sweep:` (`race:`, `tpe:`), read by the method's own folder (Sweeps/Methods,
/// docs/architecture.md "How to add a sweep method"). The loader gets the list in
/// <see cref="LoaderOptions.Sections"/>, the JSON schema and `--set` too: Planning sits below the methods and
/// knows them only through this.
/// </summary>
public interface ISweepSection
{
    /// <summary>The key under `sweep:` (`race`).</summary>
    string Key { get; }

    /// <summary>Its own keys, for messages and the JSON schema.</summary>
    Section Section { get; }

    /// <summary>Whether every other key inside it is an axis with its distribution, as in `random:`.</summary>
    bool Sampled { get; }

    /// <summary>Why nothing may go beside it under `sweep:` ("a TPE search proposes every run itself"); null when axes may.</summary>
    string? Alone { get; }

    /// <summary>Whether `repeats:` or a section that <see cref="RacesSeeds"/> may still go beside it (a search whose every
    /// configuration trains on its seeds); only with <see cref="Alone"/>.</summary>
    bool TakesRepeats => false;

    /// <summary>Whether it may go beside a method that <see cref="TakesRepeats"/>, deciding its seeds (`race:` beside `tpe:`):
    /// then its spec reaches that method through <see cref="ISweepMethodSpec.WithSeedRace"/>.</summary>
    bool RacesSeeds => false;

    /// <summary>Whether its runs are points known in advance that run as a fixed plan (`sobol:`): a section that
    /// <see cref="RacesSeeds"/> may go beside it and race them over seeds, as beside `random:`.</summary>
    bool FixedPoints => false;

    /// <summary>
    /// Reads the section: the method's settings and the factor of runs known in advance (a race's seeds, a
    /// search's startup trials), its axes named through <paramref name="axisOf"/>; null after reporting what is wrong.
    /// </summary>
    SectionRead? Read(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag);
}

/// <param name="Spec">The method's settings, carried by the plan.</param>
/// <param name="Factor">The runs known in advance, a factor of the sweep like a grid axis.</param>
public sealed record SectionRead(ISweepMethodSpec Spec, SweepFactor Factor);

/// <summary>
/// What a method may do once the runs known in advance are bound (<see cref="ISweepMethodSpec.Planned"/>):
/// plan more runs the same way (a search's later trials), checked like every run of the plan.
/// </summary>
/// <param name="Entry">The method's `sweep:` entry, where its errors point.</param>
/// <param name="PlanRun">Binds and checks one run from its axis values (in <see cref="Sweep.Axes"/> order), or reports into the bag.</param>
public sealed record MethodPlanning(MappingEntry Entry, IReadOnlyList<PlannedRun> Runs,
    Func<IReadOnlyList<ConfigNode>, DiagnosticBag, PlannedRun?> PlanRun, string Path, int MaxRuns);
