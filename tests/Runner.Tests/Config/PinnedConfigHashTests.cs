using System.Security.Cryptography;
using System.Text;
using Runner.Cli;
using Runner.Planning;

namespace Runner.Tests.Config;

/// <summary>
/// Resume recognises a finished run by the hash of its resolved config. These are the hashes of every
/// run of the committed experiments/*.yaml as the hand-written ResolvedConfig writer produced them
/// (before the serializer that replaced it): a change to how configs are written must leave them as
/// they are, or users' finished runs would be trained again. A new experiment file has no finished runs
/// of an older version; pin it here when it is committed.
/// </summary>
public class PinnedConfigHashTests
{
    /// <summary>file -> number of runs, the first run's "id hash", and a SHA-256 prefix over every run's "id hash" line.</summary>
    public static TheoryData<string, int, string, string> Pinned => new()
    {
        { "asha.yaml", 27, "lr=0.009333,units=153 25a3d895", "cf3e8012c133d7a3" },
        { "conditional.yaml", 5, "trial=1,lr=0.003403,optimizer=adam,optimizer.adam.beta_1=0.9602,hidden=3,hidden.1.units=31,hidden.2.units=61,hidden.3.units=25 5c7f5576", "cedcc248c31164ef" },
        { "fashion_metrics.yaml", 1, "run bb2042b1", "c9722ff480a5c825" },
        { "fashion_relu_adam.yaml", 1, "run bebc99a1", "22afc5c1733ee3f1" },
        { "fashion_relu_rmsprop.yaml", 1, "run 652909df", "82627ea556da0430" },
        { "fashion_sigmoid.yaml", 1, "run 4d6ac88e", "8378db43c0014742" },
        { "fashion_softmax.yaml", 1, "run 91ddaccd", "69ce3997e1c9e166" },
        { "hyperband.yaml", 27, "lr=0.009333,units=153 e2b2bfae", "c3a6e1903dfa892e" },
        { "learning_rates.yaml", 12, "lr=0.1,seed=1 cd20fc6d", "8d68a97b0d79e835" },
        { "mnist_cnn.yaml", 1, "run 896b3aa7", "e4ffa8f212ab5fbe" },
        { "mnist_mlp1000.yaml", 1, "run d8ebabda", "fda6b3fcb8d3f557" },
        { "mnist_mlp256.yaml", 1, "run 35ea2560", "ab9366370fa76c60" },
        { "mnist_softmax_regression.yaml", 1, "run 143548bd", "db43c841751d2e7b" },
        { "optimizers.yaml", 18, "optimizer=sgd,activation=sigmoid,seed=1 440e847e", "a94fe244d421c330" },
        { "optimizers_race.yaml", 60, "optimizer=sgd,activation=sigmoid,seed=1 c695384c", "bdf75c686f844788" },
        { "pareto.yaml", 16, "lr=0.004076,units=447 310d3003", "5517802425a58f9c" },
        { "sobol.yaml", 16, "lr=0.0007933,units=63,batch=256 cc4761c8", "92efdb129f8c6fee" },
        { "quickstart.yaml", 2, "seed=1 a587da58", "da4c78290eb2e9c4" },
        { "tpe_pareto.yaml", 8, "trial=1,lr=0.007858,units=91 2138ad2e", "5d67eb717cf35a50" },
        { "tpe.yaml", 8, "trial=1,lr=0.003403,units=254,batch=128 294df053", "b91277725b5210e5" },
        { "tpe_race.yaml", 24, "trial=1,lr=0.0004488,units=127,seed=1 10340bc5", "52f8cfaad4fa5588" },
        { "tpe_seeds.yaml", 15, "trial=1,lr=0.003403,units=254,batch=128,seed=1 a8fa2591", "f9c4966fbdca2d11" },
        { "tpe_warm_start.yaml", 15, "trial=1,lr=0.003403,units=254,batch=128,seed=1 affe4e18", "d04b92a7c1eb41b8" },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void The_config_hashes_of_committed_experiments_stay_as_they_were(string file, int runs, string first, string digest)
    {
        var lines = HashLines(file);
        var actual = (lines.Count, lines[0], Digest(lines));
        Assert.True((runs, first, digest) == actual,
            $"{file}: the runs' config hashes changed (was {runs} runs, first '{first}', digest {digest}; now {actual}). " +
            "Finished runs of this file would no longer be recognised. First runs now:\n" + string.Join("\n", lines.Take(5)));
    }

    [Fact]
    public void Every_committed_experiment_is_pinned()
    {
        var pinned = Pinned.Select(row => (string)row[0]).ToHashSet();
        var files = Directory.GetFiles(Repository.Experiments, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.All(files, f => Assert.True(pinned.Contains(f!), $"experiments/{f} is not pinned; add: {Row(f!)}"));
    }

    /// <summary>The resolved-config cases of <see cref="ResolvedConfigTests"/> (early stopping, successive halving, nested
    /// component arguments, a synthetic dataset): their hashes as the hand-written writer made them. The csv case is
    /// left out: its bound path is absolute, so its hash depends on where the repository is checked out.</summary>
    static readonly string[] CaseHashes = ["af0db2b9", "b273be84", "28b92d6f", "1f182a8a"];

    [Fact]
    public void The_config_hashes_of_the_resolved_config_cases_stay_as_they_were()
    {
        var hashes = ((IEnumerable<object[]>)ResolvedConfigTests.Experiments).Select(row => (string)row[0])
            .Where(yaml => !yaml.Contains("dataset: csv", StringComparison.Ordinal))
            .Select(yaml => yaml.Replace("\"odd: name\"", "odd", StringComparison.Ordinal))
            .Select(yaml => Assert.Single(TestExperiments.Valid(yaml).Runs).Hash).ToArray();
        Assert.Equal(CaseHashes, hashes);
    }

    static string Row(string file)
    {
        var lines = HashLines(file);
        return $"{{ \"{file}\", {lines.Count}, \"{lines[0]}\", \"{Digest(lines)}\" }},";
    }

    static IReadOnlyList<string> HashLines(string file)
    {
        var result = ExperimentLoader.Load(Path.Combine(Repository.Experiments, file), [], Loading.Options(100_000));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Experiment!.Runs.Select(r => $"{r.Id} {r.Hash}").ToList();
    }

    static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];
}
