using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// `--set key=value` on the command line: a dotted path (see <see cref="ConfigPath"/>) and a value read as
/// YAML (`--set train.epochs=1`, `--set sweep.optimizer=[sgd, adam]`, `--set "train.optimizer={name: sgd}"`).
/// Applied before the sweep is expanded. Under `sweep.` the rest of the path is one axis name, so
/// `--set sweep.train.batch_size=[32, 64]` sets the axis `train.batch_size` (but `sweep.zip.lr=...`
/// and the other sweep keywords step in as usual). Errors are positioned in the pseudo-file `--set`: line N for
/// the N-th override, the column within that argument.
/// A key that names an axis of the sweep pins it, as Hydra users expect: `--set seed=1` or
/// `--set train.batch_size=64` is `--set sweep.seed=[1]` (a list value sets the axis's values: `--set seed=[1, 2]`).
/// </summary>
public static class Overrides
{
    public const string PseudoFile = "--set";

    /// <summary>`sweep.<axis name with dots>` is two segments; everything else splits at every dot.</summary>
    static int SegmentLimit(string path, IReadOnlyList<ISweepSection> sections)
    {
        var parts = path.Split('.');
        return parts.Length > 2 && parts[0] == "sweep" && !SweepParser.IsKeyword(parts[1], sections) ? 2 : int.MaxValue;
    }

    /// <summary>Whether <paramref name="key"/> is an axis written directly under `sweep:` (not a keyword like zip or random).</summary>
    static bool IsSweepAxis(ConfigNode root, string key, IReadOnlyList<ISweepSection> sections) =>
        root is MappingNode map && map["sweep"] is MappingNode sweep && !SweepParser.IsKeyword(key, sections) && sweep.Find(key) is not null;

    public static ConfigNode Apply(ConfigNode root, IReadOnlyList<string> overrides, IReadOnlyList<ISweepSection> sections, DiagnosticBag bag)
    {
        for (int i = 0; i < overrides.Count; i++)
        {
            var argument = overrides[i];
            int line = i + 1;
            int equals = argument.IndexOf('=');
            if (equals <= 0)
            {
                bag.Add(new SourcePosition(PseudoFile, line, 1), $"'{argument}' is not key=value; write e.g. --set train.epochs=1");
                continue;
            }
            var key = argument[..equals];
            bool pinsAxis = IsSweepAxis(root, key, sections);
            if (pinsAxis) key = $"sweep.{key}";
            var path = ConfigPath.Parse(key, new SourcePosition(PseudoFile, line, 1), bag, SegmentLimit(key, sections));
            int valueColumn = equals + 1; // columns of the value text start after '='
            int errorsBefore = bag.Reports;
            var value = YamlTreeBuilder.Build(argument[(equals + 1)..],
                mark => new SourcePosition(PseudoFile, line, valueColumn + (int)mark.Column), bag)
                ?? new ScalarNode(new SourcePosition(PseudoFile, line, valueColumn + 1), "", quoted: false);
            if (path is null || bag.Reports != errorsBefore) continue;
            if (pinsAxis && value is not SequenceNode) value = new SequenceNode(value.Position, [value]);
            if (root is not MappingNode)
            {
                bag.Add(new SourcePosition(PseudoFile, line, 1), "the file is not a mapping of sections, so there is nothing to set");
                continue;
            }
            root = path.Set(root, value, bag) ?? root;
        }
        return root;
    }
}
