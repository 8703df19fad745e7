using System.Diagnostics;
using System.IO.Compression;
using Runner.Recording;
using Xunit.Abstractions;

namespace Runner.Tests.Process;

/// <summary>
/// `dotnet pack` makes the .NET tool; `dotnet tool install --global --add-source DIR runner` installs
/// it into a fresh HOME (no NuGet cache, no tools, no datasets), and the installed `runner` trains the
/// quickstart. On Debian 12 that works only if the package carries the patched libLibTorchSharp.so.
/// </summary>
[Trait("Category", "Slow")]
public class ToolInstallTests(ITestOutputHelper output)
{
    [Fact]
    public void The_packed_tool_installs_into_a_fresh_home_and_trains_the_quickstart()
    {
        using var temp = new TempFolder();
        string packages = temp["packages"], home = temp["home"], work = temp["work"];
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(work);

        var pack = ChildProcess.Run(ChildProcess.Dotnet, ["pack", Repository.At("src/Runner"), "-c", "Release", "-o", packages, "-nologo", "--disable-build-servers"],
            Repository.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(30));
        Assert.True(pack.ExitCode == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(packages, "Runner.linux-x64.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("tools/net10.0/linux-x64/libLibTorchSharp.so", names);
            Assert.Contains("tools/net10.0/linux-x64/libtorch_cpu.so", names);
            Assert.Contains("tools/net10.0/linux-x64/runner.dll", names);
        }
        output.WriteLine($"{Path.GetFileName(package)}: {new FileInfo(package).Length / 1024.0 / 1024.0:F1} MiB");

        // A fresh user: nothing under HOME, the dataset cache and the tool path start empty.
        var fresh = new Dictionary<string, string?>
        {
            ["HOME"] = home, ["DOTNET_CLI_HOME"] = home, ["NUGET_PACKAGES"] = null, ["XDG_CACHE_HOME"] = null,
            ["RUNNER_DATA"] = null, ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["CI"] = "true",
        };
        var clock = Stopwatch.StartNew();
        var install = ChildProcess.Run(ChildProcess.Dotnet, ["tool", "install", "--global", "--add-source", packages, "runner"],
            work, fresh, TimeSpan.FromMinutes(10));
        Assert.True(install.ExitCode == 0, install.Output);
        var installSeconds = clock.Elapsed.TotalSeconds;
        var tool = Path.Combine(home, ".dotnet", "tools", "runner");
        Assert.True(File.Exists(tool), $"no {tool} after install:\n{install.Output}");

        File.Copy(Path.Combine(Repository.Experiments, "quickstart.yaml"), Path.Combine(work, "quickstart.yaml"));
        clock.Restart();
        var run = ChildProcess.Run(tool, ["run", "quickstart.yaml", "--results", temp["results"]], work, fresh, TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, run.Output);
        output.WriteLine($"install {installSeconds:F1} s, quickstart {clock.Elapsed.TotalSeconds:F1} s");

        var experiment = Path.Combine(temp["results"], "quickstart");
        var rows = new RunsTable(Path.Combine(experiment, "runs.csv")).Read();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("done", r["status"]));
        Assert.All(rows, r => Assert.True(double.Parse(r["test_accuracy"], System.Globalization.CultureInfo.InvariantCulture) > 0.5, $"test_accuracy {r["test_accuracy"]}"));
        foreach (var runFolder in Directory.GetDirectories(Path.Combine(experiment, "runs")))
        {
            var epochs = new MetricsLog(Path.Combine(runFolder, "metrics.csv")).Read();
            Assert.Equal(3, epochs.Count);
            Assert.True(epochs[^1].Get("loss") < epochs[0].Get("loss"), $"{runFolder}: the loss did not go down");
        }
    }
}
