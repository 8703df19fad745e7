using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// Matches the sweep's axes with the config: every `${name}` must be an axis, and every variable
/// axis must be used. The axis named `seed` (written, or made by `repeats:`) is the exception: used
/// nowhere as `${seed}`, it sets `train.seed`, which must then not be fixed in the file; and an axis a
/// sweep method says only names its runs (a search's `trial`).
/// </summary>
static class SweepUsage
{
    /// <summary>The axes to apply, in order: as parsed, with an unused `seed` axis turned into the path train.seed.</summary>
    public static IReadOnlyList<SweepAxis> Check(ConfigNode template, Sweep sweep, IReadOnlyList<Variables.Use> uses, DiagnosticBag bag)
    {
        var axes = sweep.Axes;
        var variableNames = axes.Where(a => a.IsVariable).Select(a => a.Name).ToList();
        foreach (var use in uses.Where(u => !variableNames.Contains(u.Name) && !sweep.Rejected.Contains(u.Name)))
            bag.Add(use.Node, axes.Count == 0
                ? $"${{{use.Name}}} is used but there is no sweep to define it; add `sweep: {{{use.Name}: [a, b]}}` or write the value"
                : $"${{{use.Name}}} is not defined in the sweep. Known: {string.Join(", ", variableNames)}." +
                  (NameSuggestion.Closest(use.Name, variableNames) is { } near ? $" Did you mean '{near}'?" : $" Add `{use.Name}: [...]` under sweep:"));

        // An axis a misspelt ${use} was meant for is not "unused" too: that is one mistake, reported once.
        var meant = uses.Where(u => !variableNames.Contains(u.Name))
            .Select(u => NameSuggestion.Closest(u.Name, variableNames)).OfType<string>().ToHashSet();
        var effective = new List<SweepAxis>();
        foreach (var axis in axes)
        {
            if (axis.InBranch) { } // a parameter of a branch comes into the config inside its axis's value
            else if (!axis.IsVariable || uses.Any(u => u.Name == axis.Name) || meant.Contains(axis.Name)) effective.Add(axis);
            else if (sweep.Method?.OnlyNames(axis.Name) == true) { } // names the run (a search's trial), needs no ${trial}
            else if (axis.Name == Results.SeedAxis.Name) effective.Add(SeedAxis(axis, template, bag));
            else
                bag.Add(axis.Key, $"sweep axis '{axis.Name}' is used nowhere; write ${{{axis.Name}}} where its values go, or sweep a config path such as train.{axis.Name}");
        }
        return effective;
    }

    static SweepAxis SeedAxis(SweepAxis axis, ConfigNode template, DiagnosticBag bag)
    {
        var path = ConfigPath.Parse("train.seed", axis.Key.Position, bag)!;
        if (path.Get(template) is ScalarNode { IsNull: false } fixedSeed)
            bag.Add(fixedSeed, $"train.seed is fixed at {fixedSeed.Text} while the sweep varies 'seed'; remove it, or write `seed: ${{seed}}`");
        return axis with { Path = path };
    }
}
