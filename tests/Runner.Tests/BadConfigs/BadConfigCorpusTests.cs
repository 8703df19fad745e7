using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Runner.Planning;

namespace Runner.Tests.BadConfigs;

/// <summary>
/// The corpus of bad experiment files beside this file. Each starts with its expectations:
/// `# expect: LINE:COL words` (or `# expect: --set:LINE:COL words` for an override error) and
/// optionally `# set: key=value` lines, the overrides to load it with. Every expectation must be met
/// by one error with that position whose message contains the words, and every error must be positioned.
/// </summary>
public partial class BadConfigCorpusTests
{
    [GeneratedRegex(@"^# expect: (?:(?<file>--set):)?(?<line>\d+):(?<column>\d+) (?<words>.+)$")] private static partial Regex Expectation();
    [GeneratedRegex(@"^# set: (?<override>.+)$")] private static partial Regex Override();

    static string Folder([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder(), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_bad_file_gets_its_expected_positioned_error(string name)
    {
        var path = Path.Combine(Folder(), name);
        var header = File.ReadLines(path, System.Text.Encoding.Latin1).TakeWhile(l => l.StartsWith('#')).ToList();
        var expectations = header.Select(l => Expectation().Match(l)).Where(m => m.Success).ToList();
        var overrides = header.Select(l => Override().Match(l)).Where(m => m.Success).Select(m => m.Groups["override"].Value).ToList();
        Assert.NotEmpty(expectations);

        var result = ExperimentLoader.Load(path, overrides, TestExperiments.Options);

        Assert.False(result.Succeeded, $"{name} loaded without errors");
        Assert.All(result.Errors, e =>
        {
            Assert.True(e.File == path || e.File == "--set", $"unexpected file in {e}");
            Assert.True(e.Line >= 1 && e.Column >= 1, $"unpositioned: {e}");
            Assert.Contains("; ", e.Message.Replace(". Known", "; Known"));
        });
        foreach (var expected in expectations)
        {
            var file = expected.Groups["file"].Success ? "--set" : path;
            int line = int.Parse(expected.Groups["line"].Value), column = int.Parse(expected.Groups["column"].Value);
            var words = expected.Groups["words"].Value;
            Assert.True(result.Errors.Any(e => e.File == file && e.Line == line && e.Column == column && e.Message.Contains(words, StringComparison.Ordinal)),
                $"expected {(file == path ? name : file)}:{line}:{column}: ...{words}...\ngot:\n{string.Join("\n", result.Errors)}");
        }
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_files()
    {
        int count = Directory.GetFiles(Folder(), "*.yaml").Length;
        Assert.True(count >= 50, $"only {count} bad files");
    }
}
