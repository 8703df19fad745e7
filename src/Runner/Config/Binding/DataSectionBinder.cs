using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Data;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// `data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42, one_hot: false,
/// train_limit: 1000, test_limit: 500}`. The dataset's own parameters may sit beside these keys
/// (`dataset: csv, path: train.csv`) or inside the dataset (`dataset: {name: csv, path: train.csv}`).
/// </summary>
static class DataSectionBinder
{
    public static (DataSpec? Spec, DatasetInfo? Description) Bind(
        SectionReader data, ComponentBinder components, Registry<IDatasetType> datasets, string configDirectory, DiagnosticBag bag)
    {
        double validationSplit = data.Float("validation_split", 0, ValueRange.Fraction);
        int splitSeed = data.Int("split_seed", 42, ValueRange.NonNegative);
        bool oneHot = data.Bool("one_hot", false);
        int? trainLimit = data.OptionalInt("train_limit", ValueRange.AtLeast(1));
        int? testLimit = data.OptionalInt("test_limit", ValueRange.AtLeast(1));

        var datasetNode = data["dataset"];
        if (datasetNode is null)
        {
            data.Missing("dataset", "mnist");
            data.ReportUnknownKeys();
            return (null, null);
        }
        // Keys of `data:` that are the dataset's own parameters go to the dataset; the rest are typos.
        var datasetType = ComponentBinder.NameOf(datasetNode) is { } name && datasets.TryGet(name, out var type) ? type : null;
        var ownParameters = datasetType?.Parameters.Select(p => p.Name).ToHashSet() ?? new HashSet<string>();
        var besideDataset = data.Unclaimed.Where(e => ownParameters.Contains(e.Name)).ToList();
        data.ReportUnknownKeys(alsoKnown: ownParameters);

        var dataset = components.Bind(datasetNode, datasets, "data.dataset", besideDataset);
        if (dataset is null) return (null, null);
        var description = Describe(datasetType!, dataset, datasetNode, bag);
        var check = new DataCheck(configDirectory, validationSplit, trainLimit);
        foreach (var problem in CheckData(datasetType!, dataset, check, datasetNode, bag))
            bag.Add(NodeOf(problem.Parameter, datasetNode, data), $"data.{problem.Parameter ?? "dataset"}: {problem.Message}");
        if (description?.TrainSamples is long available && DataSplit.Problem(available, validationSplit) is { } splitProblem)
            bag.Add(data["validation_split"] ?? datasetNode, $"data.validation_split: {splitProblem}");
        return (new DataSpec(dataset, validationSplit, splitSeed, oneHot, trainLimit, testLimit), description);
    }

    static IReadOnlyList<DataProblem> CheckData(IDatasetType type, Models.Specs.ComponentSpec dataset, DataCheck check, ConfigNode at, DiagnosticBag bag)
    {
        try
        {
            return type.Check(dataset.Arguments, check).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataFileException)
        {
            return [new DataProblem(null, $"can't read what '{dataset.Name}' holds: {e.Message}")];
        }
    }

    /// <summary>The node of a dataset parameter, written inside the dataset or beside it; else the dataset.</summary>
    static ConfigNode NodeOf(string? parameter, ConfigNode datasetNode, SectionReader data) =>
        parameter is null ? datasetNode : (datasetNode as MappingNode)?[parameter] ?? data[parameter] ?? datasetNode;

    static DatasetInfo? Describe(IDatasetType type, Models.Specs.ComponentSpec dataset, ConfigNode at, DiagnosticBag bag)
    {
        try
        {
            return type.Describe(dataset.Arguments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException)
        {
            bag.Add(at, $"data.dataset: can't read what '{dataset.Name}' holds: {e.Message}");
            return null;
        }
    }
}
