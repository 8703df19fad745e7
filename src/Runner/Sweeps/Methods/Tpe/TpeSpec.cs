using System.Globalization;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Sweeps.Methods.Sobol;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// `tpe: {trials: 20, startup: 8, seed: 1, lr: {loguniform: [1e-4, 1e-1]}, units: {int: [16, 256]},
/// activation: {choice: [relu, tanh]}}`: a search by the Tree-structured Parzen Estimator
/// (<see cref="TpeSampler"/>, Optuna's default sampler) over axes written as `random:` writes them.
/// The plan holds the `startup` random trials (known in advance); every later trial is proposed by
/// the TPE sweeper from the finished ones, as results come in. Each trial is a run with the
/// axis `trial` (1..trials) first in its id, so two trials that land on one config are two runs.
/// </summary>
public sealed record TpeSpec(int Trials, int Startup, ulong Seed, SearchSpace Space)
    : ISweepMethodSpec
{
    public const string TrialAxis = "trial";

    /// <summary>How the startup trials are drawn: <see cref="TpeJournal.Random"/>, or <see cref="Sobol"/> (the first points of a
    /// scrambled Sobol' sequence of the search's seed, which cover the space more evenly); the journal names it for each.</summary>
    public string StartupSampler { get; init; } = TpeJournal.Random;
    public const string Sobol = "sobol";

    public static readonly ScalarKey TrialsKey = new(Param.Int("trials", null, "how many trials (runs) the search makes", new ValueRange(1, 1_000_000))) { Required = true };
    public static readonly ScalarKey StartupKey = new(Param.Int("startup", 10, "how many trials are drawn at random before TPE proposes from the results", new ValueRange(1, 1_000_000)));
    public static readonly ScalarKey SeedKey = new(Param.Int("seed", 0, "seeds the random startup trials and TPE's candidate draws", ValueRange.NonNegative));
    public static readonly ScalarKey StartupSamplerKey = new(Param.Choice("startup_sampler", TpeJournal.Random, [TpeJournal.Random, Sobol],
        "how the startup trials are drawn: random, or sobol (the first points of a scrambled Sobol' sequence of the seed, spread more evenly over the space)"));

    /// <summary>`tpe:`'s own keys; every other key is an axis with its distribution (as in `random:`).</summary>
    public static readonly Section Section = new("sweep.tpe",
        "Bayesian search (TPE): `trials` runs, the first `startup` at random, each later one proposed from the finished results on report.metric; " +
        "axes as in `random:`: `lr: {loguniform: [1e-4, 1e-1]}`, `units: {int: [16, 256]}`, `activation: {choice: [relu, tanh]}`; " +
        "`repeats: N` beside it trains every trial on seeds 1..N and the search learns from their mean",
        [TrialsKey, StartupKey, SeedKey, StartupSamplerKey, WarmStartSpec.Key]);

    /// <summary>`race:` beside the search: each trial races the incumbent over seeds 1..max_seeds (<see cref="SearchRace"/>); null without.</summary>
    public Race.RaceSpec? Race { get; init; }

    public ISweepMethodSpec WithSeedRace(ISweepMethodSpec race) => this with { Race = (Race.RaceSpec)race };

    /// <summary>Earlier results folders (`warm_start: [results/earlier]`) whose finished runs in this space the search starts from
    /// (<see cref="WarmStartSpec"/>), each with where it was written.</summary>
    public IReadOnlyList<WarmStartFolder> WarmStartFolders { get; init; } = [];

    /// <summary>The warm-start folders as written.</summary>
    public IReadOnlyList<string> WarmStart => WarmStartFolders.Select(f => f.Written).ToList();

    /// <summary>The axis values of trial <paramref name="trial"/> (1-based) at <paramref name="point"/>: the trial number, then the searched axes.</summary>
    public IReadOnlyList<ConfigNode> Values(int trial, IReadOnlyList<double> point, ConfigNode at) =>
        [new ScalarNode(at.Position, trial.ToString(CultureInfo.InvariantCulture), quoted: false), .. Space.Values(point)];

    /// <summary>Startup trial <paramref name="k"/>'s point (0-based), as <see cref="StartupSampler"/> draws it.</summary>
    public IReadOnlyList<double> StartupPoint(int k)
    {
        var space = Space.Dimensions;
        return Space.Mask(StartupSampler == Sobol ? SobolSpec.Point(space, Seed, k) : RandomTrial.Point(space, RandomTrial.Generator(Seed, k)));
    }

    /// <summary>A trial run's point, read back from its axis values (what the sampler sees of it).</summary>
    public IReadOnlyList<double> Point(PlannedRun run) =>
        Space.Point(name => run.AxisValues.First(a => a.Key == name).Value);

    /// <summary>A trial's number (1-based) from its axis values.</summary>
    public static int TrialOf(PlannedRun run) => int.Parse(run.AxisValues.First(a => a.Key == TrialAxis).Value, CultureInfo.InvariantCulture);

    /// <summary>Points checked at validation though no trial may land on them (<see cref="SearchSpace.Probes"/>).</summary>
    public IEnumerable<IReadOnlyList<double>> Probes() => Space.Probes();

    public bool OnlyNames(string axis) => axis == TrialAxis;

    // A trial's number names its run; the report compares trials by what was searched.
    public IReadOnlyList<string> ComparedAxes(IReadOnlyList<string> axes) => axes.Where(a => a != TrialAxis).ToList();

    public bool RunsMayRepeatConfigs => true; // two trials on one config are two runs (the trial names them)

    public AxisDistribution? Distribution(string axis) => Space.Distribution(axis);

    /// <summary>Later trials are planned as the search proposes them; the probes check now that any point can be.</summary>
    public ISweepMethodSpec Planned(MethodPlanning planning, DiagnosticBag runBag, DiagnosticBag bag)
    {
        // `repeats:` beside the search: every trial trains on seeds 1..N, the axis `seed` where the sweep wrote it.
        var seeds = TrialSeeds.Of(planning.Runs);
        PlannedRun? PlanSeed(int trial, IReadOnlyList<double> point, int seed, DiagnosticBag into) =>
            planning.PlanRun(seeds.Values(Values(trial, point, planning.Entry.Value), seed, planning.Entry.Value), into);
        foreach (var probe in Probes()) PlanSeed(0, probe, 1, runBag);
        long runs = (long)Trials * seeds.Count;
        if (runs > planning.MaxRuns)
            bag.Add(planning.Entry.Key, $"sweep.tpe: {Trials:N0} trials{(seeds.Count > 1 ? $" on {seeds.Count} seeds each, {runs:N0} runs" : "")}, more than the limit of {planning.MaxRuns:N0}; lower trials, or raise the limit with --max-runs {runs}");
        return new TpeSearch(this, (trial, point) => PlanSeedOrThrow(trial, point, 1)) { Seeds = seeds.Count, PlanSeed = PlanSeedOrThrow };

        PlannedRun PlanSeedOrThrow(int trial, IReadOnlyList<double> point, int seed)
        {
            var trialBag = new DiagnosticBag();
            return PlanSeed(trial, point, seed, trialBag)
                ?? throw new InvalidOperationException($"{planning.Path}: TPE's trial {trial} can't be planned: {string.Join("; ", trialBag.Sorted().Select(d => d.Message))}");
        }
    }

    /// <summary>Reads the section and its axes; the factor holds the startup trials (the rest come at run time).</summary>
    public static (TpeSpec Spec, SweepFactor Startup)? Parse(MappingEntry entry, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        var node = entry.Value;
        if (SearchSpace.Open(node, Section, "tpe: {trials: 20, startup: 8, seed: 1, lr: {loguniform: [0.0001, 0.1]}}", bag) is not { } section) return null;
        int errorsBefore = bag.Reports;
        if (section[TrialsKey] is null) section.Missing(TrialsKey.Name, "20");
        int? trialsRead = section[TrialsKey] is null ? null : section.IntUnlessRefused(TrialsKey);
        int? startupRead = section.IntUnlessRefused(StartupKey);
        int trials = trialsRead ?? 1, startup = startupRead ?? 1;
        ulong seed = (ulong)section.Int(SeedKey);
        string startupSampler = section.Text(StartupSamplerKey);
        if (startupSampler is not (TpeJournal.Random or Sobol))
            bag.Add(section.At(StartupSamplerKey.Name), $"sweep.tpe.startup_sampler: unknown sampler '{startupSampler}'. {NameSuggestion.KnownAndSuggestion(startupSampler, [TpeJournal.Random, Sobol])}");
        if (startup > trials && trialsRead is not null && startupRead is not null) // a refused value is reported once, not compared
            bag.Add(section.At(section[StartupKey] is null ? TrialsKey.Name : StartupKey.Name),
                $"sweep.tpe.startup: {startup} random trials{(section[StartupKey] is null ? " (the default)" : "")} is more than trials ({trials}), so TPE would never propose one; " +
                $"write startup below {trials} (e.g. `startup: {Math.Max(1, trials / 3)}`), or use `random: {{samples: {trials}}}`");

        // The trial axis is named `trial`, positioned at the keyword, so an error in it points there.
        var trialAxis = axisOf(new ScalarNode(entry.Key.Position, TrialAxis, quoted: false));
        var space = SearchSpace.Read(section, "search", axisOf, bag);
        if (startupSampler == Sobol && space?.Axes.Count > SobolSequence.MaxDimensions)
            bag.Add(section.At(StartupSamplerKey.Name), $"sweep.tpe.startup_sampler: {SobolSequence.DimensionsMessage(space.Axes.Count)}; use `startup_sampler: random`");
        var warmStart = WarmStartSpec.Parse(section, bag);
        if (space is null || bag.Reports != errorsBefore || trialAxis is null) return null;

        var spec = new TpeSpec(trials, startup, seed, space) { StartupSampler = startupSampler, WarmStartFolders = warmStart };
        var rows = Enumerable.Range(0, Math.Min(startup, trials)).Select(k => spec.Values(k + 1, spec.StartupPoint(k), node)).ToList();
        return (spec, new SweepFactor([trialAxis, .. space.Axes], rows) { Enumerable = false });
    }
}
