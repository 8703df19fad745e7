using Runner.Config.Diagnostics;
using Runner.Data;
using Runner.Models;
using Runner.Planning;

namespace Runner.Tests;

/// <summary>Loading experiments from text with the real registries; no TorchSharp tensors are made.</summary>
internal static class TestExperiments
{
    /// <summary>Plenty, so only tests about memory hit the limit.</summary>
    public const double Memory = 64.0 * 1024 * 1024 * 1024;

    public static readonly LoaderOptions Options =
        new(BuiltIns.Registries, DatasetRegistry.Create()) { AvailableMemoryBytes = Memory, Sections = Runner.Sweeps.Methods.SweepMethods.Sections };

    /// <summary>The Keras Fashion-MNIST MLP of docs/experiments.md, without a sweep.</summary>
    public const string Mlp = """
        name: mlp
        data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}
        model:
          input: [28, 28]
          layers:
            - flatten
            - dense: {units: 100, activation: relu}
            - dense: {units: 10, activation: softmax}
        train:
          optimizer: adam
          loss: sparse_categorical_crossentropy
          metrics: [accuracy]
          epochs: 5
          batch_size: 32
        """;

    /// <summary><see cref="Mlp"/> with the documented variables: `${activation}` in the hidden layer, `${optimizer}`.</summary>
    public static readonly string MlpWithVariables = Mlp
        .Replace("activation: relu}", "activation: ${activation}}")
        .Replace("optimizer: adam", "optimizer: ${optimizer}");

    public static LoadResult Load(string yaml, params string[] overrides) => Load(yaml, Options, overrides);

    /// <summary>A small valid CSV dataset (label + 4 pixel columns, 5 rows) at <paramref name="path"/>: validate checks data files exist and parse.</summary>
    public static void WriteCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, "label,a,b,c,d\n0,1,2,3,4\n1,1,2,3,4\n2,1,2,3,4\n0,1,2,3,4\n1,1,2,3,4\n");
    }

    public static LoadResult Load(string yaml, LoaderOptions options, params string[] overrides) =>
        ExperimentLoader.LoadText(yaml, "exp.yaml", overrides, options);

    /// <summary>The loaded experiment; fails the test with every error if there were any.</summary>
    public static LoadedExperiment Valid(string yaml, params string[] overrides)
    {
        var result = Load(yaml, overrides);
        Assert.True(result.Succeeded, "expected a valid experiment, got:\n" + string.Join("\n", result.Errors));
        return result.Experiment!;
    }

    /// <summary>The errors of an invalid experiment (fails the test if it loads).</summary>
    public static IReadOnlyList<Diagnostic> Errors(string yaml, params string[] overrides)
    {
        var result = Load(yaml, overrides);
        Assert.False(result.Succeeded, "expected errors, but the experiment loaded");
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="text"/> (after <paramref name="after"/>, if given).</summary>
    public static (int Line, int Column) Where(string yaml, string text, string? after = null)
    {
        int from = after is null ? 0 : yaml.IndexOf(after, StringComparison.Ordinal);
        int index = yaml.IndexOf(text, Math.Max(from, 0), StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in the yaml");
        int line = yaml[..index].Count(c => c == '\n') + 1;
        int lineStart = index == 0 ? 0 : yaml.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }

    /// <summary>The error at the first occurrence of <paramref name="text"/>, whose message has every key word.</summary>
    public static Diagnostic ErrorAt(IReadOnlyList<Diagnostic> errors, string yaml, string text, params string[] words)
    {
        var (line, column) = Where(yaml, text);
        return ErrorAt(errors, line, column, words);
    }

    /// <summary>The one error at <paramref name="line"/>:<paramref name="column"/>, whose message has every key word.</summary>
    public static Diagnostic ErrorAt(IReadOnlyList<Diagnostic> errors, int line, int column, params string[] words)
    {
        var error = errors.FirstOrDefault(e => e.Line == line && e.Column == column);
        Assert.True(error is not null, $"no error at {line}:{column}; got:\n{string.Join("\n", errors)}");
        foreach (var word in words)
            Assert.True(error!.Message.Contains(word, StringComparison.Ordinal), $"'{word}' missing from: {error}");
        return error!;
    }
}
