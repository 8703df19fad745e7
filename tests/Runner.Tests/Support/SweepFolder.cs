using System.Text.RegularExpressions;

namespace Runner.Tests;

/// <summary>
/// What a test of real `runner` processes starts from: an experiment file written into a fresh temp
/// folder, and the results folder beside it. The experiment's name comes from the file's `name:` line.
/// </summary>
public sealed partial class SweepFolder : IDisposable
{
    [GeneratedRegex(@"^name: *(\S+)$", RegexOptions.Multiline)] private static partial Regex NameLine();

    public SweepFolder(string yaml)
    {
        var name = NameLine().Match(yaml);
        Assert.True(name.Success, "the experiment has no `name:` line:\n" + yaml);
        Name = name.Groups[1].Value;
        File = Folder[Name + ".yaml"];
        System.IO.File.WriteAllText(File, yaml);
    }

    public TempFolder Folder { get; } = new();
    public string Name { get; }

    /// <summary>The experiment file.</summary>
    public string File { get; }
    public string Results => Folder["results"];

    /// <summary>The experiment's folder inside <see cref="Results"/>.</summary>
    public string Dir => Path.Combine(Results, Name);

    /// <summary>Whether `run` also writes the report (most process tests leave it out: it costs time and is tested elsewhere).</summary>
    public bool Report { get; init; }

    public string this[string relative] => Folder[relative];

    /// <summary>
    /// `run FILE --results RESULTS`, then <paramref name="extra"/>; `--jobs 1` unless they say otherwise, since
    /// these tests follow runs in plan order (the default, `--jobs auto`, trains small models side by side).
    /// </summary>
    public string[] RunArgs(params string[] extra) =>
        ["run", File, "--results", Results, .. Report ? [] : (string[])["--no-report"], .. extra.Contains("--jobs") ? [] : (string[])["--jobs", "1"], .. extra];

    public (int ExitCode, string Output) Run(params string[] extra) => RunnerProcess.Run(RunArgs(extra));

    public RunnerProcess Start(params string[] extra) => RunnerProcess.Start(RunArgs(extra));

    /// <summary>Runs the sweep to the end; fails the test unless it exits 0. Returns what it printed.</summary>
    public string Train(params string[] extra)
    {
        var (code, output) = Run(extra);
        Assert.True(code == 0, output);
        return output;
    }

    public void Dispose() => Folder.Dispose();
}
