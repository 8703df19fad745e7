namespace Runner.Reporting.Results;

/// <summary>
/// The class names of a run's dataset as its data layer declares them (Fashion-MNIST: "T-shirt/top", "Trouser", ...;
/// MNIST: the digits), found from its config.yaml without loading any data: what the report's and `runner serve`'s
/// confusion matrices label their rows and columns with.
/// </summary>
public static class RunClassNames
{
    /// <returns>Null where the dataset's classes are only numbers, or the config does not load.</returns>
    public static IReadOnlyList<string>? Of(string? configYaml, string configDirectory) =>
        RunConfig.Read(configYaml, configDirectory).Experiment?.Data.Dataset is { } dataset
        && Runner.Data.RunnerRegistries.Datasets.TryGet(dataset.Name, out var type)
            ? type.ClassNames(dataset.Arguments)
            : null;

    /// <summary>The experiment file's folder (relative dataset paths resolve there), else the results folder.</summary>
    public static string ConfigDirectory(ResultsTable table) =>
        table.Sweep.Source is { } source && File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source))! : table.Directory;

    /// <summary>Class <paramref name="index"/>'s name, or its number where <paramref name="names"/> has none.</summary>
    public static string Name(IReadOnlyList<string>? names, int index) =>
        names is not null && index >= 0 && index < names.Count ? names[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
