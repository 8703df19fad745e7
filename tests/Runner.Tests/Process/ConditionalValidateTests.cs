using Runner.Tests.Planning;

namespace Runner.Tests.Process;

/// <summary>`runner validate` on a conditional search space with a mistake: the real process, its exit code and output.</summary>
[Trait("Category", "Slow")]
public sealed class ConditionalValidateTests
{
    [Fact]
    public void Validate_refuses_bad_conditional_syntax_with_file_line_col_and_exit_2_writing_nothing()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bad.yaml");
        File.WriteAllText(path, ConditionalSpaceTests.With("random: {samples: 4, seed: 1,").Replace("depth: [0, 3]", "depth: [0, 99]").Replace("activation: relu}}}", "activation: relu}}}}"));
        var (code, output) = RunnerProcess.Run("validate", path);
        Assert.Equal(2, code);
        var (line, column) = TestExperiments.Where(File.ReadAllText(path), "0, 99]");
        Assert.Contains($"{path}:{line}:{column + 3}: sweep.random.hidden.depth[1]", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.Equal(["bad.yaml"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
