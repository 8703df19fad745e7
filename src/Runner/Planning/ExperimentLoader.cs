using Runner.Config;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Devices;
using Runner.Planning.Constraints;

namespace Runner.Planning;

/// <summary>
/// YAML file -> validated runs. Reads the file, applies `--set` overrides, expands the sweep, binds
/// and checks every run, and names each one. Every error of every stage is collected; a file with
/// any error gives no runs at all.
/// </summary>
public static class ExperimentLoader
{
    public static LoadResult Load(string path, IReadOnlyList<string> overrides, LoaderOptions options)
    {
        var bag = new DiagnosticBag();
        var root = ConfigFileReader.Read(path, bag);
        return root is null ? Failed(bag) : Plan(root, path, overrides, options, bag);
    }

    /// <summary>The same from text already in memory; <paramref name="path"/> names it in messages and anchors relative
    /// paths, unless <paramref name="relativeTo"/> says where they resolve (a run's config.yaml, whose data paths
    /// resolve from the experiment file's folder).</summary>
    public static LoadResult LoadText(string text, string path, IReadOnlyList<string> overrides, LoaderOptions options, string? relativeTo = null)
    {
        var bag = new DiagnosticBag();
        var root = ConfigFileReader.Parse(text, path, bag);
        return root is null ? Failed(bag) : Plan(root, path, overrides, options, bag, relativeTo);
    }

    /// <summary>Every file's errors at once (what `runner validate a.yaml b.yaml` prints), in file order.</summary>
    public static IReadOnlyList<Diagnostic> Validate(IEnumerable<string> paths, IReadOnlyList<string> overrides, LoaderOptions options) =>
        paths.SelectMany(p => Load(p, overrides, options).Errors).ToList();

    static LoadResult Plan(ConfigNode root, string path, IReadOnlyList<string> overrides, LoaderOptions options, DiagnosticBag bag,
        string? relativeTo = null)
    {
        root = Overrides.Apply(root, overrides, options.Sections, bag);
        var template = root is MappingNode mapping ? mapping.Without("sweep") : root;
        var sweep = SweepParser.Parse((root as MappingNode)?["sweep"], options.Sections, bag);
        // `${name}` inside a conditional axis's options counts as a use too (its value brings it into the config).
        var uses = Variables.Uses(template, bag).Concat(sweep.Axes.Where(a => a.Template is not null).SelectMany(a => Variables.Uses(a.Template!, bag))).ToList();
        var axes = SweepUsage.Check(template, sweep, uses, bag);
        // With a broken sweep, still bind one probe run (each axis at its first value) to find the
        // file's other errors; what binding says again at an already reported place, or about a
        // variable whose axis was refused, is left out.
        var assignments = SweepExpander.Expand(sweep, options.MaxRuns, bag)
            ?? [sweep.Factors.SelectMany(f => f.Rows[0]).ToList()];
        var reported = bag.Sorted().Select(d => d.Position)
            .Concat(uses.Where(u => sweep.Rejected.Contains(u.Name)).Select(u => u.Node.Position))
            .ToHashSet();

        var context = new BindingContext(options.Models, options.Datasets,
            relativeTo ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", Path.GetFileNameWithoutExtension(path));
        var runBag = new DiagnosticBag();
        var runs = new List<PlannedRun>();
        var allAxes = sweep.Axes;
        foreach (var values in assignments)
        {
            // Once more errors are found than are kept, binding the sweep's other runs adds nothing to read.
            if (runBag.Truncated) break;
            if (PlanRun(template, allAxes, axes, values, context, options, runBag) is { } run) runs.Add(run);
        }
        var method = sweep.Method;
        MethodPlanning? planning = sweep.MethodEntry is { } entry
            ? new(entry, runs, (values, into) => PlanRun(template, allAxes, axes, values, context, options, into), path, options.MaxRuns)
            : null;
        // A method may plan more runs later (a search's trials), and checks now that it can.
        if (method is not null && runs.Count > 0 && !bag.HasErrors) method = method.Planned(planning!, runBag, bag);
        bag.AddFrom(runBag, d => !reported.Contains(d.Position));
        if (bag.HasErrors) return Failed(bag);

        var feasible = Feasible(runs, sweep, method, bag);
        if (feasible is null) return Failed(bag);
        runs = feasible.Runs.ToList();

        if (method?.RunsMayRepeatConfigs != true) CheckRunsDiffer(runs, sweep, bag);
        CheckSameName(runs, template, bag);
        method?.Check(runs, planning!, bag);
        if (sweep.Constraints.Any) method?.CheckConstraints(sweep.Constraints, runs, planning!, bag);
        if (bag.HasErrors) return Failed(bag);
        var axisNames = allAxes.Select(a => a.Name).ToList();
        return new LoadResult(
            new LoadedExperiment(runs[0].Experiment.Name, Path.GetFullPath(path), method?.ComparedAxes(axisNames) ?? axisNames, runs)
            {
                Method = method,
                Constraints = sweep.Constraints,
                Feasible = feasible,
                Shape = ShapeOf(root, allAxes, options),
            },
            Array.Empty<Diagnostic>());
    }

    /// <summary>The sweep's shape; a search's log-scale axes are its sampled parameters on a log scale, those in branches too.</summary>
    static SweepShape ShapeOf(ConfigNode root, IReadOnlyList<SweepAxis> axes, LoaderOptions options)
    {
        var shape = SweepShape.Of((root as MappingNode)?["sweep"], key => key == "random" ? true : options.Sections.FirstOrDefault(s => s.Key == key)?.Sampled);
        return shape.Search ? shape with { LogAxes = axes.Where(a => a.LogScale).Select(a => a.Name).ToList() } : shape;
    }

    /// <summary>The constraints' names checked against what a run records, then the plan within those known before
    /// training (the method decides how); null after reporting a bad name or a plan left with no run.</summary>
    static FeasiblePlan? Feasible(List<PlannedRun> runs, Sweep sweep, ISweepMethodSpec? method, DiagnosticBag bag)
    {
        var constraints = sweep.Constraints;
        if (!constraints.Any || runs.Count == 0) return new FeasiblePlan(runs, []);
        constraints.CheckNames(runs[0].Experiment, bag);
        if (bag.HasErrors) return null;
        if (!constraints.Before.Any()) return new FeasiblePlan(runs, []);
        var feasible = method?.Feasible(runs, constraints) ?? FeasiblePlan.Drop(runs, constraints);
        if (feasible.Runs.Count > 0) return feasible;
        var first = constraints.Before.First();
        bag.Add(first.Node!, $"sweep.{SweepConstraints.Key}: no planned point keeps within {string.Join(" and ", constraints.Before.Select(c => $"\"{c.Text}\""))} " +
            $"({runs.Count} planned), so nothing would train; loosen the bound or narrow the space (`runner validate` says the first run's parameters)");
        return null;
    }

    static PlannedRun? PlanRun(ConfigNode template, IReadOnlyList<SweepAxis> allAxes, IReadOnlyList<SweepAxis> effective,
        IReadOnlyList<ConfigNode> values, BindingContext context, LoaderOptions options, DiagnosticBag bag)
    {
        var byName = allAxes.Select((axis, i) => (axis.Name, Value: values[i])).ToDictionary(a => a.Name, a => a.Value);
        var plain = effective.Where(a => a.IsVariable && a.Compose is null).ToDictionary(a => a.Name, a => byName[a.Name]);
        // A conditional axis's value is composed from its branch's parameters, with `${name}` of the other axes in it replaced.
        ConfigNode ValueOf(SweepAxis axis) => axis.Compose is { } compose ? Variables.Substitute(compose(byName), plain) : byName[axis.Name];
        var variables = effective.Where(a => a.IsVariable).ToDictionary(a => a.Name, ValueOf);
        var spliced = effective.Where(a => a.Spliced).Select(a => a.Name).ToHashSet();
        var tree = Variables.Substitute(template, variables, spliced);   // also without variables: it turns $$ into $
        foreach (var axis in effective.Where(a => !a.IsVariable))
            tree = axis.Path!.Set(tree, ValueOf(axis), bag) ?? tree;

        var bound = ExperimentBinder.Bind(tree, context, bag);
        if (bound is null) return null;
        var plan = ExperimentChecks.Check(bound, options.Models, options.MemoryBudget, bag);
        if (plan is null) return null;

        var yaml = ResolvedConfig.Write(bound.Experiment);
        var hash = ResolvedConfig.Hash(OnCpu(bound.Experiment) is { } cpu ? ResolvedConfig.Write(cpu) : yaml);
        var id = RunIdentity.Id(allAxes, values);
        var axisValues = allAxes.Select((a, i) => new KeyValuePair<string, string>(a.Name, CompactText.Of(values[i]))).ToList();
        return new PlannedRun(id, hash, RunIdentity.DirectoryName(id, hash), axisValues, bound.Experiment, yaml, plan);
    }

    /// <summary>
    /// The device changes where a run computes, not what it computes: a run hashes as its CPU config
    /// (unchanged for cpu), so it keeps its identity, folder and checkpoint when it moves to a GPU or
    /// back, and resumes there. Null when the run is on the CPU already.
    /// </summary>
    static Experiment? OnCpu(Experiment experiment) => experiment.Train.Device == DeviceChoice.Cpu ? null
        : experiment with { Train = experiment.Train with { Device = DeviceChoice.Cpu } };

    /// <summary>Two runs with one resolved config would share results (resume matches by hash): a duplicate axis value.</summary>
    static void CheckRunsDiffer(IReadOnlyList<PlannedRun> runs, Sweep sweep, DiagnosticBag bag)
    {
        var duplicates = runs.GroupBy(r => r.Hash).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count == 0) return;
        var first = duplicates[0];
        var more = duplicates.Count > 1 ? $" (and {duplicates.Count - 1} more groups)" : "";
        bag.Add(sweep.Node!, $"sweep: runs {string.Join(" and ", first.Take(2).Select(r => $"'{r.Id}'"))}{more} resolve to the same config (hash {first.Key}); remove the duplicate value");
    }

    /// <summary>The name picks the results folder, so every run of a sweep must share it.</summary>
    static void CheckSameName(IReadOnlyList<PlannedRun> runs, ConfigNode template, DiagnosticBag bag)
    {
        var names = runs.Select(r => r.Experiment.Name).Distinct().ToList();
        if (names.Count > 1)
            bag.Add((template as MappingNode)?["name"] ?? template, $"name differs between runs ({string.Join(", ", names.Take(3))}); the name picks the results folder, so don't sweep it");
    }

    static LoadResult Failed(DiagnosticBag bag) => new(null, bag.Sorted()) { ErrorsTruncated = bag.Truncated };
}
