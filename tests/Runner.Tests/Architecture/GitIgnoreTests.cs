namespace Runner.Tests.Architecture;

/// <summary>What the README's commands leave in the clone is git-ignored, so `git status` stays clean.</summary>
[Trait("Category", "Slow")]
public sealed class GitIgnoreTests
{
    [Theory]
    [InlineData("packages/runner.1.0.0.nupkg")]   // `dotnet pack src/Runner -c Release -o packages` (138 MB)
    [InlineData("results/optimizers/runs.csv")]
    public void Output_of_the_readmes_commands_is_ignored(string path)
    {
        var (code, output) = ChildProcess.Run("git", ["check-ignore", "--no-index", path], Repository.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"{path} is not git-ignored: {output}");
    }
}
