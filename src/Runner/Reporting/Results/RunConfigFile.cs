using YamlDotNet.RepresentationModel;

namespace Runner.Reporting.Results;

/// <summary>
/// The little the report needs from the text of a run's resolved config.yaml: the dataset name (to load its
/// images for the image grids). Accepts the shapes a dataset can take in YAML:
/// <c>dataset: mnist</c>, <c>dataset: {name: mnist, ...}</c> and <c>dataset: {mnist: {...}}</c>.
/// </summary>
public static class RunConfigFile
{
    public static string? DatasetName(string? configYaml)
    {
        if (configYaml is null) return null;
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(configYaml)); }
        catch (YamlDotNet.Core.YamlException) { return null; }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) return null;
        if (Child(root, "data") is not YamlMappingNode data) return null;
        return Child(data, "dataset") switch
        {
            YamlScalarNode scalar => scalar.Value,
            YamlMappingNode map when Child(map, "name") is YamlScalarNode name => name.Value,
            YamlMappingNode { Children.Count: 1 } map => (map.Children.Keys.First() as YamlScalarNode)?.Value,
            _ => null,
        };
    }

    static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
}
