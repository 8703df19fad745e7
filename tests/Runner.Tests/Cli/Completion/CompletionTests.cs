namespace Runner.Tests.Cli.Completion;

/// <summary>
/// The bash script of `runner completion bash`, sourced into a real bash and called as bash's
/// programmable completion calls it (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT), completes
/// subcommands and options by asking the real runner.
/// </summary>
[Trait("Category", "Slow")]
public class CompletionTests
{
    static IReadOnlyList<string> Complete(string line)
    {
        using var temp = new TempFolder();
        // `runner` on PATH, as an installed tool would be: this build's runner.dll.
        var bin = Directory.CreateDirectory(temp["bin"]).FullName;
        var runner = Path.Combine(bin, "runner");
        File.WriteAllText(runner, $"#!/bin/sh\nexec '{ChildProcess.Dotnet}' '{Path.Combine(AppContext.BaseDirectory, "runner.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(runner, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = temp["runner.bash"];
        File.WriteAllText(script, Runner.Cli.CompletionCommand.Script("bash"));

        var test = $$"""
            source '{{script}}'
            complete -p runner >/dev/null || exit 3
            COMP_LINE='{{line}}'
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"
            [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _runner_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var (exitCode, output) = ChildProcess.Run("/bin/bash", ["-c", test], temp.Path,
            new Dictionary<string, string?> { ["PATH"] = bin + ":/usr/bin:/bin" }, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public void Completes_subcommands_after_the_program_name()
    {
        var words = Complete("runner ");
        Assert.Superset(new HashSet<string> { "run", "plan", "validate", "list", "schema", "report", "compare", "completion" }, words.ToHashSet());
    }

    [Fact]
    public void Completes_a_partial_subcommand() => Assert.Equal(["plan"], Complete("runner pl"));

    [Fact]
    public void Completes_the_options_of_a_subcommand()
    {
        var words = Complete("runner run --");
        Assert.Contains("--dry-run", words);
        Assert.Contains("--jobs", words);
        Assert.Contains("--set", words);
        Assert.All(words, w => Assert.StartsWith("--", w));
        Assert.Equal(["--fail-fast", "--fresh"], Complete("runner run --f"));
    }
}
