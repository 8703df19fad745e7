using System.Text.RegularExpressions;

namespace Runner.Tests.Architecture;

/// <summary>
/// The tests show the architecture: tests/Models.Tests mirrors src/Models and tests/Runner.Tests mirrors
/// src/Runner, folder for folder, so the tests of a class are found where the class is. A folder only tests
/// have is named in <see cref="TestOnly"/> with the reason; a test file's namespace follows its folder.
/// </summary>
public sealed partial class TestFolderTests
{
    /// <summary>Each test project, its root namespace, and the source project it mirrors.</summary>
    public static readonly (string Tests, string RootNamespace, string Source)[] Projects =
    [
        ("tests/Models.Tests", "Runner.Models.Tests", "src/Models"),
        ("tests/Runner.Tests", "Runner.Tests", "src/Runner"),
    ];

    /// <summary>Test-only folders (their subfolders included), and why they have no source folder.</summary>
    public static readonly IReadOnlyDictionary<string, string> TestOnly = new Dictionary<string, string>
    {
        ["tests/Models.Tests/Support"] = "shared fixtures: specs as the config layer hands them over, tiny seeded batches, the torch collection",
        ["tests/Runner.Tests/Support"] = "shared fixtures: temp folders, the runner process, sweep folders and harness, experiment and model YAML, the real datasets",
        ["tests/Runner.Tests/Architecture"] = "tests of the code base's shape: this mirror, the slow trait and the documentation's links",
        ["tests/Runner.Tests/BadConfigs"] = "the corpus of bad experiment files (and the data files they name)",
        ["tests/Runner.Tests/Sweeps/JournalFixtures"] = "results folders (decision journals included) written by an earlier version, which must still resume and report",
        ["tests/Runner.Tests/Process"] = "end to end: whole sweeps in real runner processes, killed, resumed, run concurrently, packed as a tool",
    };

    /// <summary>Shared fixtures live in the root namespace, so every test sees them without a using.</summary>
    const string SupportFolder = "Support";

    [GeneratedRegex(@"(?m)^namespace ([\w.]+);")] private static partial Regex Namespace();

    static IEnumerable<string> Folders(string root) =>
        Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(dir => Path.GetRelativePath(root, dir).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(dir => dir.Split('/')[0] is not ("bin" or "obj" or "TestResults"))   // build and `dotnet test --logger trx` output
            .Order(StringComparer.Ordinal);

    static bool IsTestOnly(string testFolder) =>
        TestOnly.Keys.Any(allowed => testFolder == allowed || testFolder.StartsWith(allowed + "/", StringComparison.Ordinal));

    [Fact]
    public void Every_folder_of_a_test_project_is_a_folder_of_its_source_project_or_a_declared_test_only_folder()
    {
        var strays = new List<string>();
        foreach (var (tests, _, source) in Projects)
            foreach (var folder in Folders(Repository.At(tests)))
                if (!Directory.Exists(Repository.At($"{source}/{folder}")) && !IsTestOnly($"{tests}/{folder}"))
                    strays.Add($"{tests}/{folder}: no {source}/{folder}; move its tests beside what they test, or declare it in {nameof(TestOnly)} with the reason");
        Assert.True(strays.Count == 0, string.Join("\n", strays));
    }

    [Fact]
    public void Every_declared_test_only_folder_exists_and_has_no_source_folder()
    {
        foreach (var folder in TestOnly.Keys)
        {
            Assert.True(Directory.Exists(Repository.At(folder)), $"{folder} is declared test-only but does not exist");
            var (tests, _, source) = Projects.Single(p => folder.StartsWith(p.Tests + "/", StringComparison.Ordinal));
            Assert.False(Directory.Exists(Repository.At(source + folder[tests.Length..])), $"{folder} mirrors a source folder: it is not test-only");
        }
    }

    [Fact]
    public void Every_test_file_is_in_a_folder_and_its_namespace_follows_the_folder()
    {
        var wrong = new List<string>();
        foreach (var (tests, rootNamespace, _) in Projects)
        {
            var root = Repository.At(tests);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                var folders = relative.Split('/')[..^1];
                if (folders.Length > 0 && folders[0] is "bin" or "obj") continue;
                if (folders.Length == 0)
                {
                    wrong.Add($"{tests}/{relative}: at the project's root; put it in the folder of what it tests (or {SupportFolder}/)");
                    continue;
                }
                var expected = folders[0] == SupportFolder ? rootNamespace : rootNamespace + "." + string.Join(".", folders);
                var declared = Namespace().Match(File.ReadAllText(file)) is { Success: true } m ? m.Groups[1].Value : "(none)";
                if (declared != expected) wrong.Add($"{tests}/{relative}: namespace {declared}, expected {expected}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
