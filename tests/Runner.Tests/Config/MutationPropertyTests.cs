using CsCheck;
using Runner.Planning;
using Xunit.Abstractions;

namespace Runner.Tests.Config;

/// <summary>
/// Valid experiment files mutated at random (a line deleted, duplicated, re-indented or swapped, a
/// scalar retyped or changed, a YAML special character inserted, the file cut short, an override
/// added): every result is either a valid experiment or positioned errors, never an exception.
/// </summary>
public class MutationPropertyTests(ITestOutputHelper output)
{
    static readonly string[] Valid =
    [
        TestExperiments.MlpWithVariables + "\n  seed: ${seed}\nsweep:\n  optimizer: [sgd, rmsprop, adam]\n  activation: [sigmoid, relu]\n  seed: [1, 2]\n",
        """
        name: cnn
        data: {dataset: mnist, train_limit: 1000, one_hot: true}
        model:
          input: [28, 28, 1]
          layers:
            - conv2d: {filters: 4, kernel_size: 5, padding: same, activation: relu}
            - maxpool2d: {pool_size: 2}
            - dropout: {rate: 0.25}
            - flatten
            - dense: {units: 10, activation: softmax, kernel_initializer: {name: random_normal, stddev: 0.05}}
        train:
          optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}
          loss: categorical_crossentropy
          epochs: 3
          early_stopping: {monitor: loss, patience: 1}
        pruning: {method: median, at_epochs: [1]}
        """,
        """
        data:
          dataset: synthetic
          classes: 3
          image_size: 8
          validation_split: 0.25
        model:
          layers:
            - flatten
            - dense: {units: ${units}, activation: ${activation}}
            - {name: dense, units: 3}
        train:
          optimizer: {adam: {learning_rate: ${lr}}}
          batch_size: 16
          epochs: 4
        report: {metric: val_loss}
        sweep:
          zip:
            units: [8, 16]
            train.epochs: [2, 4]
          random: {samples: 3, seed: 1, lr: {loguniform: [0.0001, 0.1]}, activation: {choice: [relu, tanh]}}
          repeats: 2
          exclude: [{units: 8, seed: 2}]
        """,
    ];

    static readonly string[] Scalars =
    [
        "0", "-1", "1", "5", "2147483648", "1e400", "-0.5", "0.5", "1.5", "true", "no", "null", "~", "''", "\"x\"",
        "[]", "[1, 2]", "{}", "{a: 1}", "relu", "rleu", "adam", "${x}", "${seed}", "$${y}", "abc", ".nan", ".inf",
        "99999999999999999999999", "[28, 28, 1]", "{name: sgd}", "&a x", "*a", "!!str 5", "- 1", "{dense: {units: 3}}",
    ];

    static readonly string[] Inserts = ["\t", "\"", "'", "[", "]", "{", "}", ":", ": ", "&a ", "*a", "!!python/object ", "#", "- ", ",", "${", "\u00e9", "  "];

    static readonly string[] OverridePaths = ["train.epochs", "train.optimizer", "model.layers.1", "model.layers.9.units", "sweep.seed", "data", "x.y", "sweep.train.batch_size", ""];

    /// <summary>One mutation: what to do, on which line, with which value, at which column.</summary>
    public readonly record struct Mutation(int Kind, int Line, int Value, int Column);

    static readonly Gen<(int Base, Mutation[] Mutations, int Override)> Mutants =
        Gen.Select(
            Gen.Int[0, Valid.Length - 1],
            Gen.Select(Gen.Int[0, 7], Gen.Int[0, 200], Gen.Int[0, 200], Gen.Int[0, 200], (k, l, v, c) => new Mutation(k, l, v, c)).Array[1, 3],
            Gen.Int[-400, 40]);

    static string Apply(string text, Mutation m)
    {
        var lines = text.Split('\n').ToList();
        int i = m.Line % lines.Count;
        var line = lines[i];
        switch (m.Kind)
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, line); break;
            case 2:
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                int start = colon >= 0 ? colon + 2 : line.IndexOf("- ", StringComparison.Ordinal) is var dash and >= 0 ? dash + 2 : line.Length;
                lines[i] = line[..start] + Scalars[m.Value % Scalars.Length];
                break;
            }
            case 3:
            {   // change the k-th token of the line (a key, a value, an item in [...] or {...})
                var tokens = System.Text.RegularExpressions.Regex.Matches(line, @"[^\s\[\]{},:]+");
                if (tokens.Count == 0) break;
                var token = tokens[m.Column % tokens.Count];
                lines[i] = line[..token.Index] + Scalars[m.Value % Scalars.Length] + line[(token.Index + token.Length)..];
                break;
            }
            case 4: lines[i] = m.Value % 2 == 0 ? "  " + line : line.TrimStart(' '); break;
            case 5:
            {
                int column = line.Length == 0 ? 0 : m.Column % (line.Length + 1);
                lines[i] = line[..column] + Inserts[m.Value % Inserts.Length] + line[column..];
                break;
            }
            case 6:
            {
                int j = m.Value % lines.Count;
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            }
            default: lines.RemoveRange(i, lines.Count - i); break;
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public void Every_mutant_is_valid_or_positioned_errors_never_an_exception()
    {
        int valid = 0, invalid = 0;
        Mutants.Sample(mutant =>
        {
            var text = mutant.Mutations.Aggregate(Valid[mutant.Base], Apply);
            string[] overrides = mutant.Override < 0 ? [] :
                [$"{OverridePaths[mutant.Override % OverridePaths.Length]}={Scalars[mutant.Override % Scalars.Length]}"];
            var result = ExperimentLoader.LoadText(text, "mutant.yaml", overrides, TestExperiments.Options with { MaxRuns = 100 });
            if (result.Succeeded)
            {
                Assert.Empty(result.Errors);
                Assert.NotEmpty(result.Experiment!.Runs);
                Assert.All(result.Experiment.Runs, r => Assert.Matches("^[0-9a-f]{8}$", r.Hash));
                Interlocked.Increment(ref valid);
            }
            else
            {
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e =>
                {
                    Assert.True(e.File is "mutant.yaml" or "--set", e.ToString());
                    Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                });
                Interlocked.Increment(ref invalid);
            }
        }, seed: "0000D1qn6lB1", iter: 4000, print: m => $"{m.Base} {string.Join(" ", m.Mutations)} override {m.Override}");
        output.WriteLine($"{valid + invalid} mutants: {valid} valid, {invalid} refused with positioned errors");
        Assert.True(invalid > 1000 && valid > 100, $"{valid} valid, {invalid} invalid: the mutations should produce both");
    }
}
