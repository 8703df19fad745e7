using YamlDotNet.RepresentationModel;

namespace Runner.Reporting.Results;

/// <summary>The dataset a run trained on, as its config.yaml names it: the name and any arguments as text.</summary>
public sealed record DatasetReference(string Name, IReadOnlyList<KeyValuePair<string, string>> Arguments);

/// <summary>
/// The little the report needs from the text of a run's resolved config.yaml: its dataset, to load
/// its images for the image grids. Accepts the shapes a dataset can take in YAML:
/// <c>dataset: mnist</c>, <c>dataset: {name: synthetic, seed: 1}</c> and <c>dataset: {csv: {path: a.csv}}</c>.
/// A list argument (<c>image_size: [8, 8]</c>) comes back as <c>8,8</c>.
/// </summary>
public static class RunConfigFile
{
    public static string? DatasetName(string? configYaml) => Dataset(configYaml)?.Name;

    /// <summary>train.epochs, or null when the text doesn't say.</summary>
    public static int? Epochs(string? configYaml) =>
        Root(configYaml) is { } root && Child(root, "train") is YamlMappingNode train
        && Child(train, "epochs") is YamlScalarNode { Value: { } text } && int.TryParse(text, out var epochs) ? epochs : null;

    static YamlMappingNode? Root(string? configYaml)
    {
        if (configYaml is null) return null;
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(configYaml)); }
        catch (YamlDotNet.Core.YamlException) { return null; }
        return yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
    }

    public static DatasetReference? Dataset(string? configYaml)
    {
        if (Root(configYaml) is not { } root || Child(root, "data") is not YamlMappingNode data) return null;
        return Child(data, "dataset") switch
        {
            YamlScalarNode { Value: { } name } => new DatasetReference(name, []),
            YamlMappingNode map when Child(map, "name") is YamlScalarNode { Value: { } name } =>
                new DatasetReference(name, Arguments(map).Where(a => a.Key != "name").ToArray()),
            YamlMappingNode { Children.Count: 1 } map when map.Children.Keys.First() is YamlScalarNode { Value: { } name } =>
                new DatasetReference(name, map.Children.Values.First() is YamlMappingNode inner ? Arguments(inner) : []),
            _ => null,
        };
    }

    static IReadOnlyList<KeyValuePair<string, string>> Arguments(YamlMappingNode map) =>
        map.Children.Where(c => c.Key is YamlScalarNode).Select(c => new KeyValuePair<string, string>(
            ((YamlScalarNode)c.Key).Value ?? "",
            c.Value switch
            {
                YamlScalarNode s => s.Value ?? "",
                YamlSequenceNode list => string.Join(",", list.Children.OfType<YamlScalarNode>().Select(s => s.Value)),
                _ => "",
            })).ToArray();

    static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
}
