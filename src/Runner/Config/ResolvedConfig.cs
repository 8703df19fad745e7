using System.Security.Cryptography;
using System.Text;
using Runner.Config.Yaml;
using Runner.Models.Specs;

namespace Runner.Config;

/// <summary>
/// The canonical text of a fully resolved experiment: every section and every default written out,
/// in a fixed order, culture-invariant. Loading it back gives the same experiment and the same
/// text, so its hash identifies a run's configuration (what resume matches on).
/// </summary>
public static class ResolvedConfig
{
    public static string Write(Experiment experiment)
    {
        var text = new StringBuilder();
        void Line(int indent, string content) => text.Append(' ', indent * 2).Append(content).Append('\n');

        Line(0, $"name: {YamlText.String(experiment.Name)}");
        var data = experiment.Data;
        Line(0, "data:");
        Line(1, $"dataset: {Component(data.Dataset)}");
        Line(1, $"validation_split: {YamlText.Double(data.ValidationSplit)}");
        Line(1, $"split_seed: {YamlText.Scalar(data.SplitSeed)}");
        Line(1, $"one_hot: {YamlText.Scalar(data.OneHot)}");
        Line(1, $"train_limit: {Optional(data.TrainLimit)}");
        Line(1, $"test_limit: {Optional(data.TestLimit)}");

        Line(0, "model:");
        Line(1, $"input: [{string.Join(", ", experiment.Model.Input.Dims)}]");
        Line(1, "layers:");
        foreach (var layer in experiment.Model.Layers)
            Line(2, "- " + (layer.Arguments.Count == 0 ? YamlText.String(layer.Name) : $"{YamlText.String(layer.Name)}: {{{Arguments(layer.Arguments)}}}"));

        var train = experiment.Train;
        Line(0, "train:");
        Line(1, $"optimizer: {Component(train.Optimizer)}");
        Line(1, $"loss: {Component(train.Loss)}");
        Line(1, $"metrics: [{string.Join(", ", train.Metrics.Select(Component))}]");
        Line(1, $"epochs: {YamlText.Scalar(train.Epochs)}");
        Line(1, $"batch_size: {YamlText.Scalar(train.BatchSize)}");
        Line(1, $"seed: {YamlText.Scalar(train.Seed)}");
        Line(1, $"shuffle: {YamlText.Scalar(train.Shuffle)}");
        Line(1, $"device: {YamlText.String(train.Device)}");
        Line(1, $"threads: {YamlText.Scalar(train.Threads)}");
        Line(1, "early_stopping: " + (train.EarlyStopping is { } stop
            ? $"{{monitor: {YamlText.String(stop.Monitor)}, patience: {YamlText.Scalar(stop.Patience)}, min_delta: {YamlText.Double(stop.MinDelta)}, restore_best: {YamlText.Scalar(stop.RestoreBest)}}}"
            : "null"));

        Line(0, "pruning: " + (experiment.Pruning is { Geometric: true } g
            ? $"{{method: {YamlText.String(g.Method)}, monitor: {YamlText.String(g.Monitor)}, min_epochs: {YamlText.Scalar(g.MinEpochs)}, reduction: {YamlText.Scalar(g.Reduction)}}}"
            : experiment.Pruning is { } p
            ? $"{{method: {YamlText.String(p.Method)}, monitor: {YamlText.String(p.Monitor)}, at_epochs: [{string.Join(", ", p.AtEpochs)}], min_runs: {YamlText.Scalar(p.MinRuns)}, keep_fraction: {YamlText.Double(p.KeepFraction)}}}"
            : "null"));
        Line(0, $"report: {{metric: {YamlText.String(experiment.Report.Metric)}}}");
        Line(0, $"tensorboard: {YamlText.Scalar(experiment.TensorBoard)}");
        return text.ToString();
    }

    /// <summary>First 8 hex digits of the SHA-256 of the canonical text.</summary>
    public static string Hash(string resolvedYaml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolvedYaml)))[..8];

    /// <summary>A bare name without arguments, else `{name: adam, learning_rate: 0.001, ...}`.</summary>
    static string Component(ComponentSpec spec) =>
        spec.Arguments.Count == 0
            ? YamlText.String(spec.Name)
            : $"{{name: {YamlText.String(spec.Name)}, {Arguments(spec.Arguments)}}}";

    static string Arguments(Arguments arguments) =>
        string.Join(", ", arguments.Select(a => $"{a.Key}: {(a.Value is ComponentSpec nested ? Component(nested) : YamlText.Scalar(a.Value))}"));

    static string Optional(int? value) => value is { } v ? YamlText.Scalar(v) : "null";
}
