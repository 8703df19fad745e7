using System.Text.RegularExpressions;

namespace Runner.Tests.Architecture;

/// <summary>
/// `dotnet test --filter "Category!=Slow"` stays a fast inner loop only if every test that starts a real
/// process, trains on or loads the real datasets, or fetches carries [Trait("Category", "Slow")]. This
/// reads the test sources of both test projects and names each file that does such work without the trait.
/// </summary>
public sealed partial class SlowTraitTests
{
    public const string Trait = "[Trait(\"Category\", \"Slow\")]";

    /// <summary>What in a test file means slow work, and why.</summary>
    static readonly (Regex Pattern, string Why)[] SlowWork =
    [
        (new(@"\b(RunnerProcess|ChildProcess)\.|\bnew SweepFolder\("), "starts a real process"),
        (new(@"\bRealDatasets\.|\bPredictFixture\b|\bTrainedRuns\."), "trains on or loads the real datasets"),
        (new(@"\bIdxSources\.|\bnew AptDownloadSource\("), "fetches with a package client"),
    ];

    /// <summary>An in-process sweep is slow when its data is one of the real datasets.</summary>
    [GeneratedRegex(@"dataset: (\{name: )?(mnist|fashion_mnist)\b")] private static partial Regex RealDataset();
    [GeneratedRegex(@"\[(Fact|Theory|SlurmFact)\b")] private static partial Regex TestAttribute();

    public static IEnumerable<string> TestFiles() =>
        TestFolderTests.Projects
            .SelectMany(project => Directory.EnumerateFiles(Repository.At(project.Tests), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(file => Path.GetFileName(file) != nameof(SlowTraitTests) + ".cs")   // its examples below are not work
            .Where(file => TestAttribute().IsMatch(File.ReadAllText(file)));

    static IEnumerable<string> Reasons(string text)
    {
        foreach (var (pattern, why) in SlowWork)
            if (pattern.IsMatch(text)) yield return why;
        if (text.Contains("SweepHarness", StringComparison.Ordinal) && RealDataset().IsMatch(text))
            yield return "trains on the real datasets";
    }

    [Fact]
    public void Every_test_file_that_does_slow_work_carries_the_slow_trait()
    {
        var unmarked = TestFiles()
            .Select(file => (File: Path.GetRelativePath(Repository.Root, file), Text: File.ReadAllText(file)))
            .Where(f => !f.Text.Contains(Trait, StringComparison.Ordinal))
            .SelectMany(f => Reasons(f.Text).Select(why => $"{f.File}: {why} but has no {Trait}"))
            .ToList();
        Assert.True(unmarked.Count == 0, string.Join("\n", unmarked));
    }

    [Fact]
    public void The_check_recognises_each_kind_of_slow_work()
    {
        Assert.NotEmpty(Reasons("var (code, output) = RunnerProcess.Run(\"list\");"));
        Assert.NotEmpty(Reasons("using var sweep = new SweepFolder(Yaml);"));
        Assert.NotEmpty(Reasons("var raw = Data.RealDatasets.Mnist;"));
        Assert.NotEmpty(Reasons("new AptDownloadSource(\"x\", \"y\")"));
        Assert.NotEmpty(Reasons("using var h = new SweepHarness(); h.Load(\"data: {dataset: fashion_mnist, train_limit: 10}\");"));
        Assert.Empty(Reasons("using var h = new SweepHarness(); h.Load(\"data: {dataset: synthetic, train_samples: 100}\");"));
        Assert.Empty(Reasons("var yaml = \"data: {dataset: mnist}\"; Valid(yaml);"));   // validated, never trained
    }
}
