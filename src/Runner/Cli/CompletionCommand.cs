using System.CommandLine;

namespace Runner.Cli;

/// <summary>
/// `runner completion bash|zsh|powershell`: the shell script that asks runner itself (System.CommandLine's
/// `[suggest:N]` directive) what may follow. The scripts live beside this file, embedded in the assembly.
/// </summary>
public static class CompletionCommand
{
    public static readonly IReadOnlyDictionary<string, string> ScriptByShell = new Dictionary<string, string>
    {
        ["bash"] = "runner.bash", ["zsh"] = "runner.zsh", ["powershell"] = "runner.ps1",
    };

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or powershell" };
        shell.AcceptOnlyFromAmong(ScriptByShell.Keys.ToArray());
        var command = new Command("completion",
            "Print the shell completion script: eval \"$(runner completion bash)\" in ~/.bashrc (zsh alike; PowerShell: runner completion powershell | Out-String | Invoke-Expression)")
            { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Script(string shell)
    {
        using var stream = typeof(CompletionCommand).Assembly.GetManifestResourceStream("completion/" + ScriptByShell[shell])
            ?? throw new InvalidOperationException($"the {shell} completion script is not embedded");
        return new StreamReader(stream).ReadToEnd();
    }
}
