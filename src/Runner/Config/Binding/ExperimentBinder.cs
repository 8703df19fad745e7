using System.Text.RegularExpressions;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// Turns one resolved configuration tree (no `${...}` left, no sweep) into an <see cref="Experiment"/>
/// with every default filled, reporting every error in every section.
/// </summary>
public static partial class ExperimentBinder
{
    const string NamePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

    [GeneratedRegex(NamePattern)] private static partial Regex SafeName();

    public static readonly ScalarKey Name = new(new ParameterInfo("name", ParameterType.Text, null,
        "names the results folder, results/<name>/; default: the file name") { Optional = true }) { Pattern = NamePattern };

    public static readonly MonitorKey ReportMetric = new("metric", AllowTest: true,
        "the metric the leaderboard and charts compare; default: val_accuracy with a validation split, else accuracy");
    public static readonly ObjectivesKey ReportObjectives = new("objectives",
        "two to four objectives for a Pareto front: recorded metrics or parameters, memory_mb, seconds, train_seconds, each `max` or `min` (`{val_accuracy: max, parameters: min}`)");
    // The objectives stay out of a run's resolved config: adding them to a finished sweep redraws its report, not its runs.
    public static readonly Section ReportSection = new("report", "what the report compares", [ReportMetric, ReportObjectives]) { KeysFor = _ => [ReportMetric] };

    public static readonly ScalarKey TensorBoard = new(Param.Bool("tensorboard", false, "also write TensorBoard event files per run"));

    /// <summary>The top level of an experiment file.</summary>
    public static readonly Section Top = new("", "A Runner experiment: the data, the layer stack, the training and a sweep.",
    [
        Name,
        new SectionKey("data", DataSectionBinder.Section, SectionSwitch.None, DataSectionBinder.Section.Description) { Required = true },
        new SectionKey("model", ModelSectionBinder.Section, SectionSwitch.None, ModelSectionBinder.Section.Description) { Required = true },
        new SectionKey("train", TrainSectionBinder.Section, SectionSwitch.None, TrainSectionBinder.Section.Description),
        new SectionKey("pruning", PruningSectionBinder.Section, SectionSwitch.Off, PruningSectionBinder.Section.Description),
        new SectionKey("report", ReportSection, SectionSwitch.None, ReportSection.Description),
        TensorBoard,
        new SweepKey("sweep", "axes that expand into runs: `optimizer: [sgd, adam]` (used as ${optimizer}) or a dotted path (`train.batch_size: [32, 128]`); zip, random, repeats, include, exclude, constraints"),
    ]);

    public static IEnumerable<string> Sections => Top.Names;

    /// <summary>The experiment, or null when anything was reported (the reasons are in <paramref name="bag"/>).</summary>
    public static BoundExperiment? Bind(ConfigNode root, BindingContext context, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        if (root is not MappingNode)
        {
            bag.Add(root, $"an experiment file is a mapping of sections ({string.Join(", ", Sections)}), got {root.Describe()}");
            return null;
        }
        var top = new SectionReader(root, root, Top, bag);
        var components = new ComponentBinder(context.Models, bag, context.ConfigDirectory);

        string name = BindName(top, context.DefaultName, bag);
        var data = new SectionReader(top["data"], root, DataSectionBinder.Section, bag);
        var (dataSpec, description) = data.Present
            ? DataSectionBinder.Bind(data, components, context.Datasets, context.ConfigDirectory, bag)
            : (null, null);
        if (top["data"] is null) top.Missing("data", "{dataset: mnist}");

        var model = new SectionReader(top["model"], root, ModelSectionBinder.Section, bag);
        var (modelSpec, inputNode, layerNodes) = model.Present
            ? ModelSectionBinder.Bind(model, components, description, bag)
            : (null, root, Array.Empty<ConfigNode>());
        if (top["model"] is null) top.Missing("model", "{input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}");

        var train = new SectionReader(top["train"], root, TrainSectionBinder.Section, bag);
        bool hasValidation = dataSpec?.ValidationSplit > 0;
        var (trainSpec, lossNode, epochs) = TrainSectionBinder.Bind(train, components, hasValidation, bag);
        var monitors = new MonitorNames(trainSpec?.Metrics.Select(m => m.Name).ToList() ?? [TrainSectionBinder.DefaultMetric], hasValidation);

        var report = Report(top, root, monitors, bag);
        var pruning = PruningSectionBinder.Bind(top["pruning"], root, epochs, monitors, report, bag);
        bool tensorBoard = top.Bool(TensorBoard);
        top.Entry("sweep"); // expanded before binding; known here so that `swep:` gets a suggestion
        top.ReportUnknownKeys();

        if (bag.Reports != errorsBefore || dataSpec is null || modelSpec is null || trainSpec is null || report is null) return null;
        var experiment = new Experiment(name, dataSpec, modelSpec, trainSpec, pruning, report, tensorBoard);
        var nodes = new ExperimentNodes(data.At("one_hot"), model.Node, inputNode, layerNodes, lossNode);
        return new BoundExperiment(experiment, nodes, description);
    }

    static string BindName(SectionReader top, string defaultName, DiagnosticBag bag)
    {
        string name = top.Text(Name.Name, defaultName);
        if (!SafeName().IsMatch(name))
            bag.Add(top.At("name"), $"name '{name}' can't be a folder name under results/; use up to 100 letters, digits, '.', '-' and '_'");
        return name;
    }

    static ReportSpec? Report(SectionReader top, ConfigNode root, MonitorNames monitors, DiagnosticBag bag)
    {
        var section = new SectionReader(top["report"], root, ReportSection, bag);
        var metric = section[ReportMetric] is { } node
            ? monitors.Check(node, "report.metric", ReportMetric.AllowTest, bag)
            : monitors.DefaultReportMetric;
        var objectives = section[ReportObjectives] is { } written ? ReportObjectivesBinder.Bind(written, monitors, bag) : [];
        section.ReportUnknownKeys();
        return metric is null || objectives is null ? null : new ReportSpec(metric) { Objectives = objectives };
    }
}
