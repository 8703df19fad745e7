using System.Text.RegularExpressions;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Config.Binding;

/// <summary>
/// Turns one resolved configuration tree (no `${...}` left, no sweep) into an <see cref="Experiment"/>
/// with every default filled, reporting every error in every section.
/// </summary>
public static partial class ExperimentBinder
{
    public static readonly IReadOnlyList<string> Sections =
        new[] { "name", "data", "model", "train", "pruning", "report", "tensorboard", "sweep" };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")] private static partial Regex SafeName();

    /// <summary>The experiment, or null when anything was reported (the reasons are in <paramref name="bag"/>).</summary>
    public static BoundExperiment? Bind(ConfigNode root, BindingContext context, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        if (root is not MappingNode)
        {
            bag.Add(root, $"an experiment file is a mapping of sections ({string.Join(", ", Sections)}), got {root.Describe()}");
            return null;
        }
        var top = new SectionReader(root, root, "", bag);
        var components = new ComponentBinder(context.Models, bag, context.ConfigDirectory);

        string name = Name(top, context.DefaultName, bag);
        var data = new SectionReader(top["data"], root, "data", bag);
        var (dataSpec, description) = data.Present
            ? DataSectionBinder.Bind(data, components, context.Datasets, context.ConfigDirectory, bag)
            : (null, null);
        if (top["data"] is null) top.Missing("data", "{dataset: mnist}");

        var model = new SectionReader(top["model"], root, "model", bag);
        var (modelSpec, inputNode, layerNodes) = model.Present
            ? ModelSectionBinder.Bind(model, components, description, bag)
            : (null, root, Array.Empty<ConfigNode>());
        if (top["model"] is null) top.Missing("model", "{input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}");

        var train = new SectionReader(top["train"], root, "train", bag);
        bool hasValidation = dataSpec?.ValidationSplit > 0;
        var (trainSpec, lossNode) = TrainSectionBinder.Bind(train, components, hasValidation, bag);
        var monitors = new MonitorNames(trainSpec?.Metrics ?? new[] { TrainSectionBinder.DefaultMetric }, hasValidation);

        var report = Report(top, root, monitors, bag);
        var pruning = PruningSectionBinder.Bind(top["pruning"], root, trainSpec?.Epochs ?? 1, monitors, report, bag);
        bool tensorBoard = top.Bool("tensorboard", false);
        top.Entry("sweep"); // expanded before binding; known here so that `swep:` gets a suggestion
        top.ReportUnknownKeys();

        if (bag.Reports != errorsBefore || dataSpec is null || modelSpec is null || trainSpec is null || report is null) return null;
        var experiment = new Experiment(name, dataSpec, modelSpec, trainSpec, pruning, report, tensorBoard);
        var nodes = new ExperimentNodes(data.At("one_hot"), model.Node, inputNode, layerNodes, lossNode);
        return new BoundExperiment(experiment, nodes, description);
    }

    static string Name(SectionReader top, string defaultName, DiagnosticBag bag)
    {
        string name = top.Text("name", defaultName);
        if (!SafeName().IsMatch(name))
            bag.Add(top.At("name"), $"name '{name}' can't be a folder name under results/; use up to 100 letters, digits, '.', '-' and '_'");
        return name;
    }

    static ReportSpec? Report(SectionReader top, ConfigNode root, MonitorNames monitors, DiagnosticBag bag)
    {
        var section = new SectionReader(top["report"], root, "report", bag);
        var metric = section["metric"] is { } node
            ? monitors.Check(node, "report.metric", allowTest: true, bag)
            : monitors.DefaultReportMetric;
        section.ReportUnknownKeys();
        return metric is null ? null : new ReportSpec(metric);
    }
}
