using Runner.Cli;
using Runner.Config.Diagnostics;
using Runner.Schema;
using Runner.Data;

namespace Runner.Tests.Schema;

/// <summary>
/// experiments/runner.schema.json is what `runner schema` generates; every experiment file names it
/// on its first line and is valid against it; the bad-config corpus's schema-level mistakes are not.
/// </summary>
public class ExperimentSchemaTests
{
    static string Committed => Repository.At(ExperimentSchema.CommittedPath);
    static string Generated => ExperimentSchema.Text(RunnerRegistries.Models, RunnerRegistries.Datasets, Runner.Sweeps.Methods.SweepMethods.Sections);
    static readonly Lazy<SchemaValidator> Validator = new(() => new SchemaValidator(File.ReadAllText(Committed)));

    /// <summary>
    /// Corpus files whose mistake the schema itself catches (unknown keys and names, wrong types,
    /// out-of-range values, missing required keys). The others need the binder: shapes, a sweep's
    /// meaning, monitors that need a validation split, overrides, or YAML that does not parse. A wrong
    /// value inside a sweep axis (`optimizer: [sgd, adma]`) is not schema-level either: where it goes
    /// is known only once the sweep is expanded.
    /// </summary>
    public static readonly IReadOnlyList<string> SchemaLevel =
    [
        "absurd-int.yaml", "bad-device.yaml", "bad-name-folder.yaml",
        "early-stopping-patience-type.yaml", "key-unknown-activaton.yaml", "key-unknown-epoch.yaml",
        "key-unknown-in-data.yaml", "key-unknown-top-level.yaml",
        "missing-dataset.yaml", "missing-model.yaml", "missing-units.yaml", "monitor-unknown-report-metric.yaml",
        "name-dataset.yaml", "name-flatten-takes-nothing.yaml", "name-initializer.yaml",
        "name-layer-flaten.yaml", "name-loss.yaml", "name-metric.yaml",
        "name-padding-choice.yaml",
        "pruning-unknown-method.yaml", "report-objective-unknown.yaml", "range-batch-size-zero.yaml", "range-dropout-rate.yaml",
        "range-epochs-negative.yaml", "range-input-zero.yaml",
        "range-threads-negative.yaml", "range-validation-split.yaml", "sweep-empty-axis.yaml",
        "sweep-not-a-list.yaml", "sweep-random-distribution.yaml", "sweep-depth-without-layer.yaml", "sweep-tpe-trials-zero.yaml", "type-bool-yes.yaml", "type-epochs-five.yaml",
        "type-input-scalar.yaml", "type-layers-mapping.yaml", "type-units-list.yaml",
        "limit-threads.yaml", "limit-train-samples.yaml", "limit-classes.yaml", "sweep-zip-empty.yaml",
        "csv-image-shape-not-positive.yaml", "csv-image-shape-overflow.yaml",
        "constraint-bad-operator.yaml", "constraint-not-text.yaml",
    ];

    [Fact]
    public void The_committed_schema_is_the_generated_one()
    {
        Assert.True(File.Exists(Committed), $"{Committed} is missing; run `./runner schema > {ExperimentSchema.CommittedPath}`");
        Assert.True(File.ReadAllText(Committed) == Generated,
            $"{ExperimentSchema.CommittedPath} is out of date; regenerate it with `./runner schema > {ExperimentSchema.CommittedPath}`");
    }

    public static TheoryData<string> ExperimentFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Experiments, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void Every_experiment_file_names_the_schema_and_is_standard_yaml_valid_against_it(string name)
    {
        var path = Path.Combine(Repository.Experiments, name);
        Assert.Equal(ExperimentSchema.ModelineForExperiments, File.ReadLines(path).First());
        var errors = Validator.Value.Errors(YamlAsJson.Standard(path));
        Assert.True(errors.Count == 0, $"{name}:\n{string.Join("\n", errors)}");
    }

    /// <summary>A copied quickstart.yaml pointed at a ./runner.schema.json that wasn't beside it, and said nothing of how to get one.</summary>
    [Fact]
    public void The_quickstart_says_how_to_get_the_schema_beside_a_copy()
    {
        var second = File.ReadLines(Path.Combine(Repository.Experiments, "quickstart.yaml")).Skip(1).First();
        Assert.Contains("`runner schema > runner.schema.json`", second);   // what The_committed_schema_is_the_generated_one checks it prints
    }

    [Fact]
    public void There_are_experiment_files_to_validate() => Assert.True(ExperimentFiles().Count >= 10);

    static string CorpusFolder() => Repository.At("tests/Runner.Tests/BadConfigs");

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusFolder(), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>Schema-level mistakes fail the schema; every other file that parses passes it, so the schema is exactly as strict as it claims.</summary>
    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_corpus_file_fails_the_schema_exactly_when_its_mistake_is_schema_level(string name)
    {
        var json = YamlAsJson.AsRunnerReadsIt(Path.Combine(CorpusFolder(), name), new DiagnosticBag());
        if (!json.HasValue)
        {
            Assert.DoesNotContain(name, SchemaLevel); // broken YAML is the reader's to report
            return;
        }
        var errors = Validator.Value.Errors(json.Value);
        if (SchemaLevel.Contains(name)) Assert.True(errors.Count > 0, $"{name} passed the schema");
        else Assert.True(errors.Count == 0, $"{name} failed the schema though its mistake is not schema-level:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_listed_schema_level_file_exists() =>
        Assert.All(SchemaLevel, name => Assert.True(File.Exists(Path.Combine(CorpusFolder(), name)), name));
}
