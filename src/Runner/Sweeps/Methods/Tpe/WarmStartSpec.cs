using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>One `warm_start:` folder as written, and where: a refusal of it points there, as validation errors do.</summary>
public sealed record WarmStartFolder(string Written, SourcePosition At);

/// <summary>`warm_start: [results/earlier_search]` inside `tpe:`: the earlier results folders a search starts from (<see cref="WarmStart"/>).</summary>
public static class WarmStartSpec
{
    public const int MaxFolders = 16;

    public static readonly TextListKey Key = new("warm_start", MaxFolders,
        "earlier results folders (e.g. [results/earlier_search], relative to the working directory): their finished runs in this space feed TPE's observations, " +
        "and a run of the same configuration and seed is copied instead of trained");

    /// <summary>The folders as written; none when the key is absent (a wrong shape is reported).</summary>
    public static IReadOnlyList<WarmStartFolder> Parse(SectionReader section, DiagnosticBag bag)
    {
        if (section[Key.Name] is not { } node) return [];
        if (node is SequenceNode { Items.Count: > 0 and <= MaxFolders } list && list.Items.All(i => i is ScalarNode { IsNull: false, Text.Length: > 0 and <= 4096 }))
            return list.Items.Select(i => new WarmStartFolder(((ScalarNode)i).Text, i.Position)).ToList();
        bag.Add(node, $"sweep.tpe.warm_start: expected a list of 1 to {MaxFolders} results folders, got {node.Describe()}; write e.g. `warm_start: [results/earlier_search]`");
        return [];
    }
}
