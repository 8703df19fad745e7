using System.Text.Json.Nodes;

namespace Runner.Tests;

/// <summary>
/// Every file of every run two sweeps left, compared byte for byte (model.bin, predictions, config.yaml,
/// summary.txt but its seconds), but timings and the array a run was fused with: metrics.csv without
/// its seconds columns and result.json without Seconds, TestSeconds and FusedWith. For sweeps whose runs all
/// trained on the fused path, where a run's numbers depend only on its config.
/// </summary>
public static class RunFiles
{
    static readonly string[] ResultTimings = ["Seconds", "TestSeconds", "FusedWith"];

    // Compared apart (timings), or a record of how the run was trained rather than of its numbers.
    static readonly string[] NotCompared = ["metrics.csv", "result.json", ".lock", "time_limit_stops"];

    static List<string> Compared(string runDir) =>
        Directory.GetFiles(runDir).Select(f => Path.GetFileName(f)!).Where(f => !NotCompared.Contains(f)).Order().ToList();

    public static void AssertSame(string expectedDir, string actualDir)
    {
        SweepFiles.AssertSame(expectedDir, actualDir);
        var expectedRuns = Directory.GetDirectories(Path.Combine(expectedDir, "runs")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(expectedRuns, Directory.GetDirectories(Path.Combine(actualDir, "runs")).Select(Path.GetFileName).Order().ToList());
        foreach (var run in expectedRuns)
        {
            var (a, b) = (Path.Combine(expectedDir, "runs", run!), Path.Combine(actualDir, "runs", run!));
            var files = Compared(a);
            Assert.Equal(files, Compared(b));
            foreach (var file in files)
                Assert.True(Content(Path.Combine(a, file)).SequenceEqual(Content(Path.Combine(b, file))), $"{run}/{file} differs");
            Assert.Equal(Result(a), Result(b));
        }
    }

    /// <summary>A run's file as compared: its bytes, but summary.txt's line of seconds.</summary>
    public static byte[] Content(string path) =>
        Path.GetFileName(path) == "summary.txt"
            ? System.Text.Encoding.UTF8.GetBytes(string.Join('\n', File.ReadAllLines(path).Where(l => !l.StartsWith("Seconds:", StringComparison.Ordinal))))
            : File.ReadAllBytes(path);

    /// <summary>The run's result.json without timings and without its array.</summary>
    public static string Result(string runDir)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "result.json")))!.AsObject();
        foreach (var key in ResultTimings) json.Remove(key);
        json["Last"]?.AsObject().Remove("train_seconds");
        json["Last"]?.AsObject().Remove("seconds");
        return json.ToJsonString();
    }

    /// <summary>The runs the run in <paramref name="runDir"/> was fused with (result.json's FusedWith); empty when it trained unfused.</summary>
    public static IReadOnlyList<string> FusedWith(string runDir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(runDir, "result.json")))!["FusedWith"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
