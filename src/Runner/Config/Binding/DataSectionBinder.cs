using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Data;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// `data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42, one_hot: false,
/// train_limit: 1000, validation_limit: 500, test_limit: 500}`. The dataset's own parameters may sit beside these keys
/// (`dataset: csv, path: train.csv`) or inside the dataset (`dataset: {name: csv, path: train.csv}`).
/// </summary>
static class DataSectionBinder
{
    public static readonly ComponentKey Dataset = new("dataset", "dataset", null,
        "the dataset: a name (mnist) or a mapping with its settings ({name: csv, path: train.csv}); its settings may also sit beside this key")
        { Required = true };
    public static readonly ScalarKey ValidationSplit = new(Param.Float("validation_split", 0,
        "fraction of the training set held out for validation (a seeded shuffle split); 0: none", ValueRange.Fraction));
    public static readonly ScalarKey SplitSeed = new(Param.Int("split_seed", 42, "seeds the validation split", ValueRange.NonNegative));
    public static readonly ScalarKey OneHot = new(Param.Bool("one_hot", false, "targets as one-hot rows (categorical_crossentropy and mse need it)"));
    public static readonly ScalarKey TrainLimit = new(Param.Int("train_limit", null, "use only the first N training samples", ValueRange.AtLeast(1)) with { Optional = true });
    public static readonly ScalarKey TestLimit = new(Param.Int("test_limit", null, "use only the first N test samples", ValueRange.AtLeast(1)) with { Optional = true });
    // train_limit applies after the split and limits the training part only; this limits the validation part.
    public static readonly ScalarKey ValidationLimit = new(Param.Int("validation_limit", null,
        "use only the first N samples of the validation split (train_limit leaves it whole)", ValueRange.AtLeast(1)) with { Optional = true });

    public static readonly Section Section = new("data", "the dataset and how it is split",
        [Dataset, ValidationSplit, SplitSeed, OneHot, TrainLimit, ValidationLimit, TestLimit])
    {
        // Written only when set, so the resolved config (and so the hash) of every run without it stays as it was.
        KeysFor = spec => ((DataSpec)spec).ValidationLimit is null ? Section!.Keys.Where(k => k != ValidationLimit) : Section!.Keys,
    };

    public static (DataSpec? Spec, DatasetInfo? Description) Bind(
        SectionReader data, ComponentBinder components, Registry<IDatasetType> datasets, string configDirectory, DiagnosticBag bag)
    {
        double validationSplit = data.Float(ValidationSplit);
        int splitSeed = data.Int(SplitSeed);
        bool oneHot = data.Bool(OneHot);
        int? trainLimit = data.OptionalInt(TrainLimit);
        int? testLimit = data.OptionalInt(TestLimit);
        int? validationLimit = data.OptionalInt(ValidationLimit);
        if (validationLimit is not null && validationSplit <= 0 && data["validation_limit"] is { } limitNode)
            bag.Add(limitNode, "data.validation_limit: there is no validation set to limit (validation_split is 0); " +
                               "set validation_split (e.g. 0.2) or remove validation_limit");

        var datasetNode = data[Dataset];
        if (datasetNode is null)
        {
            data.Missing(Dataset.Name, "mnist");
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
        return (new DataSpec(dataset, validationSplit, splitSeed, oneHot, trainLimit, testLimit, validationLimit), description);
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
        parameter is null ? datasetNode : (datasetNode as MappingNode)?[parameter] ?? (data.Node as MappingNode)?[parameter] ?? datasetNode;

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
