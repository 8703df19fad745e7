using System.Globalization;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Planning;

/// <summary>
/// Reads one searched axis into its parameters, the conditional forms included (Optuna's define-by-run
/// conditionals, written as data):
/// <list type="bullet">
/// <item>a choice whose options carry their own sub-space: `optimizer: {choice: [{sgd: {learning_rate: "${lr}",
/// momentum: {uniform: [0, 0.99]}}}, {adam: {beta_1: {uniform: [0.8, 0.99]}}}]}`. The axis records the option's
/// label (a scalar option's text, a mapping's `name:`, or its one key: `sgd`); each distribution inside an option is
/// a parameter named by the axis, the label and its key (`optimizer.sgd.momentum`), active only when that option is
/// taken; the axis's config value is the option with the drawn values in place (and `${name}` of other axes).</item>
/// <item>a searched depth: `hidden: {depth: [1, 3], layer: {dense: {units: {int: [16, 256], log: true}, activation: relu}}}`.
/// The axis records the depth; layer i's distributions are parameters `hidden.i.units`, active when the depth reaches
/// i; the config value is the list of layers, spliced into a list where `- ${hidden}` is one of its items.</item>
/// </list>
/// Distributions nest (a choice inside an option, a depth inside a branch). A parameter that is not active
/// records nothing (<see cref="AxisDistribution.Inactive"/>).
/// </summary>
public static class ConditionalAxis
{
    public const string Depth = "depth", Layer = "layer";
    public const int MaxDepth = 32;

    /// <summary>Parameters in one space at most: nested depths multiply, and each parameter is a column of every run.</summary>
    public const int MaxParameters = 256;

    delegate ConfigNode Composer(IReadOnlyDictionary<string, ConfigNode> recorded);

    /// <summary>Adds the parameters of <paramref name="axis"/> written as <paramref name="value"/> to <paramref name="into"/>
    /// (the axis's own first, with its <see cref="SweepAxis.Compose"/> when it is conditional); false after reporting an error.</summary>
    public static bool Read(SweepAxis axis, ConfigNode value, string path, List<SearchParameter> into, DiagnosticBag bag)
    {
        int index = into.Count;
        if (Parameter(axis, value, path, null, into, bag) is not { } composer) return false;
        if (into.Count > index + 1 || IsDepth(value))
            into[index] = into[index] with
            {
                Axis = into[index].Axis with { Compose = r => composer(r), Template = value, Spliced = IsDepth(value) },
            };
        return true;
    }

    static bool IsDepth(ConfigNode value) => value is MappingNode m && m.Find(Depth) is not null;

    /// <summary>Whether <paramref name="node"/> is written as a distribution (inside an option or a layer, where a plain list is a value).</summary>
    static bool IsDistribution(ConfigNode node) =>
        node is MappingNode m && m.Entries.Count > 0 && m.Entries.Any(e => AxisDistribution.Kinds.Contains(e.Name) || e.Name == Depth);

    static Composer? Parameter(SweepAxis axis, ConfigNode value, string path, SpaceCondition? when, List<SearchParameter> into, DiagnosticBag bag)
    {
        if (into.Count >= MaxParameters)
        {
            bag.Add(value, $"{path}: the search space has more than {MaxParameters} parameters (each layer of a searched depth has its own); lower a depth's high end or nest less");
            return null;
        }
        if (IsDepth(value)) return DepthOf(axis, (MappingNode)value, path, when, into, bag);
        if (value is MappingNode m && m.Find("choice")?.Value is SequenceNode options && options.Items.Any(HasDistribution))
            return BranchesOf(axis, m, options, path, when, into, bag);
        if (AxisDistribution.Parse(axis.Name, value, path, bag) is not { } distribution) return null;
        into.Add(new SearchParameter(axis with { LogScale = distribution.Dimension is NumberDimension { Log: true } }, distribution, when));
        return r => r[axis.Name];
    }

    static bool HasDistribution(ConfigNode node) => IsDistribution(node) || node switch
    {
        MappingNode m => m.Entries.Any(e => HasDistribution(e.Value)),
        SequenceNode s => s.Items.Any(HasDistribution),
        _ => false,
    };

    static Composer? BranchesOf(SweepAxis axis, MappingNode node, SequenceNode options, string path, SpaceCondition? when,
        List<SearchParameter> into, DiagnosticBag bag)
    {
        foreach (var other in node.Entries.Where(e => e.Name != "choice"))
            bag.Add(other.Key, $"{path}: a choice whose options carry their own distributions takes only `choice:`; remove '{other.Name}'");
        var labels = options.Items.Select((o, i) => Label(o, i)).ToList();
        var repeated = labels.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            bag.Add(options, $"{path}.choice: two options are both labelled '{repeated.Key}' (a scalar's text, a mapping's `name:` or its one key); give each option its own name");
            return null;
        }
        if (node.Entries.Count > 1) return null;

        int index = into.Count;
        into.Add(new SearchParameter(axis, AxisDistribution.Labels(axis.Name, labels.Select(l => (ConfigNode)new ScalarNode(options.Position, l, quoted: false)).ToList(), node), when));
        var branches = new List<Dictionary<ConfigNode, Composer>>();
        for (int c = 0; c < options.Items.Count; c++)
            if (Slots(options.Items[c], $"{axis.Name}.{labels[c]}", $"{path}.choice[{c}]", axis, new SpaceCondition(index, c, null), into, bag) is { } slots)
                branches.Add(slots);
            else return null;
        return r =>
        {
            int taken = labels.IndexOf(((ScalarNode)r[axis.Name]).Text);
            return Fill(options.Items[taken], branches[taken], r);
        };
    }

    /// <summary>An option's label: a scalar's text, a component's `name:`, a one-key mapping's key, else its 1-based place.</summary>
    static string Label(ConfigNode option, int i) => option switch
    {
        ScalarNode scalar => scalar.Text,
        MappingNode m when m.Find("name")?.Value is ScalarNode name => name.Text,
        MappingNode { Entries: [var only] } => only.Name,
        _ => (i + 1).ToString(CultureInfo.InvariantCulture),
    };

    static Composer? DepthOf(SweepAxis axis, MappingNode node, string path, SpaceCondition? when, List<SearchParameter> into, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        foreach (var other in node.Entries.Where(e => e.Name is not (Depth or Layer)))
            bag.Add(other.Key, $"{path}: unknown key '{other.Name}' in a searched depth; write `{{depth: [1, 3], layer: {{dense: {{units: {{int: [16, 256]}}, activation: relu}}}}}}`");
        var depth = node.Find(Depth)!;
        (int Low, int High)? bounds = null;
        if (depth.Value is SequenceNode { Items: [var lowNode, var highNode] }
            && Values.Int(lowNode, $"{path}.depth[0]", bag, new ValueRange(0, MaxDepth)) is { } low
            && Values.Int(highNode, $"{path}.depth[1]", bag, new ValueRange(0, MaxDepth)) is { } high)
        {
            if (low <= high) bounds = (low, high);
            else bag.Add(depth.Value, $"{path}.depth: low ({low}) must not be above high ({high}); write [low, high]");
        }
        else if (bag.Reports == errorsBefore)
            bag.Add(depth.Value, $"{path}.depth: expected [low, high], whole numbers from 0 to {MaxDepth}, got {depth.Value.Describe()}; write e.g. `depth: [1, 3]`");
        var layer = node.Find(Layer)?.Value;
        if (layer is null or ScalarNode { IsNull: true })
            bag.Add(node, $"{path}: a searched depth needs the `layer:` it repeats; write e.g. `layer: {{dense: {{units: {{int: [16, 256]}}, activation: relu}}}}`");
        if (bounds is not var (lo, hi) || layer is null || bag.Reports != errorsBefore) return null;

        int index = into.Count;
        into.Add(new SearchParameter(axis, AxisDistribution.Number(new NumberDimension(axis.Name, lo, hi, Log: false, Integer: true), depth.Value), when));
        var layers = new List<Dictionary<ConfigNode, Composer>>();
        for (int i = 1; i <= hi; i++)
            if (Slots(layer, $"{axis.Name}.{i}", $"{path}.layer", axis, new SpaceCondition(index, null, i), into, bag) is { } slots) layers.Add(slots);
            else return null;
        return r =>
        {
            int count = int.Parse(((ScalarNode)r[axis.Name]).Text, CultureInfo.InvariantCulture);
            var items = new List<ConfigNode>();
            for (int i = 0; i < count; i++)
            {
                var filled = Fill(layer, layers[i], r);
                if (filled is SequenceNode block) items.AddRange(block.Items);
                else items.Add(filled);
            }
            return new SequenceNode(node.Position, items);
        };
    }

    /// <summary>Every distribution inside <paramref name="tree"/> as a parameter named <paramref name="prefix"/>.key (the key it
    /// sits under, or its place in a list), each active when <paramref name="when"/> holds; by node, what fills its place.</summary>
    static Dictionary<ConfigNode, Composer>? Slots(ConfigNode tree, string prefix, string path, SweepAxis parent, SpaceCondition when,
        List<SearchParameter> into, DiagnosticBag bag)
    {
        var slots = new Dictionary<ConfigNode, Composer>(ReferenceEqualityComparer.Instance);
        bool ok = true;
        void Visit(ConfigNode node, string? key, string at)
        {
            if (!ok) return; // one error is enough: the others would repeat it
            if (IsDistribution(node))
            {
                var name = key is null ? prefix : $"{prefix}.{key}";
                var axis = new SweepAxis(name, new ScalarNode(node.Position, name, quoted: false), null) { InBranch = true };
                if (Parameter(axis, node, at, when, into, bag) is { } composer) slots[node] = composer;
                else ok = false;
                return;
            }
            switch (node)
            {
                case MappingNode m:
                    foreach (var e in m.Entries) Visit(e.Value, e.Name, $"{at}.{e.Name}");
                    break;
                case SequenceNode s:
                    for (int i = 0; i < s.Items.Count; i++) Visit(s.Items[i], key is null ? $"{i + 1}" : $"{key}.{i + 1}", $"{at}[{i}]");
                    break;
            }
        }
        Visit(tree, null, path);
        return ok ? slots : null;
    }

    /// <summary>The tree with each distribution replaced by its parameter's config value.</summary>
    static ConfigNode Fill(ConfigNode tree, IReadOnlyDictionary<ConfigNode, Composer> slots, IReadOnlyDictionary<string, ConfigNode> recorded)
    {
        if (slots.TryGetValue(tree, out var composer)) return composer(recorded);
        return tree switch
        {
            MappingNode m => new MappingNode(m.Position, m.Entries.Select(e => e with { Value = Fill(e.Value, slots, recorded) }).ToList()),
            SequenceNode s => new SequenceNode(s.Position, s.Items.Select(i => Fill(i, slots, recorded)).ToList()),
            _ => tree,
        };
    }
}
