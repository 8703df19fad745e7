namespace Runner.Tests.Cli;

/// <summary>Usage mistakes: exit 2, one line naming the problem and `--help`, no help text, no trace.</summary>
[Trait("Category", "Slow")]
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("unknown option", "Unrecognized command or argument '--fsat'", "run", "x.yaml", "--fsat")]
    [InlineData("unknown option first", "Unrecognized option '--fsat'", "run", "--fsat")]
    [InlineData("missing argument", "Required argument missing", "run")]
    [InlineData("unknown command", "Unrecognized command or argument 'bogus'", "bogus")]
    [InlineData("misspelt option", "Unrecognized command or argument '--job'. Did you mean '--jobs'?", "run", "x.yaml", "--job", "2")]
    [InlineData("misspelt command", "Unrecognized command or argument 'runn'. Did you mean 'run'?", "runn", "x.yaml")]
    [InlineData("max-runs 0", "--max-runs takes a number >= 1; got 0", "validate", "x.yaml", "--max-runs", "0")]
    [InlineData("max-runs negative", "--max-runs takes a number >= 1; got -5", "validate", "x.yaml", "--max-runs", "-5")]
    [InlineData("max-runs text", "--max-runs", "validate", "x.yaml", "--max-runs", "many")]
    [InlineData("option without value", "--results", "run", "x.yaml", "--results")]
    public void A_usage_error_is_one_line_and_exit_2(string _, string problem, params string[] args)
    {
        var (code, output) = RunnerProcess.Run(args);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, code);
        var line = Assert.Single(lines);
        Assert.Contains(problem, line);
        Assert.Contains("--help`", line);
        Assert.StartsWith("runner", line);
    }

    [Fact]
    public void A_response_file_is_not_read_into_the_arguments()
    {
        var (code, output) = RunnerProcess.Run("validate", "@/etc/hostname");
        Assert.Equal(2, code);
        Assert.DoesNotContain(File.ReadAllText("/etc/hostname").Trim(), output.Replace("@/etc/hostname", ""));
    }
}
