using System.Text.RegularExpressions;
using Runner.Sweeps.Launchers;

namespace Runner.Tests.Architecture;

/// <summary>
/// A launcher (threads, shards, a Slurm array) is one folder under src/Runner/Sweeps/Launchers behind
/// ILauncher, registered in SweepLaunchers.cs (docs/architecture.md, "A launcher"): no code outside its folder
/// names its types, but the registry and the command it declares as its own (<see cref="ILauncher.Command"/>:
/// `submit` is the Slurm launcher's), so `run`, `status` and the sweep runner reach it only through the seam.
/// </summary>
public sealed partial class LauncherFolderTests
{
    const string Launchers = "src/Runner/Sweeps/Launchers";
    const string Registry = Launchers + "/SweepLaunchers.cs";

    [GeneratedRegex(@"//.*|/\*[\s\S]*?\*/")] private static partial Regex Comment();
    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")] private static partial Regex TypeDeclaration();
    [GeneratedRegex(@"class (\w+)(?:\([^)]*\))?\s*:\s*(?:ILauncher|IInProcessLauncher)\b")] private static partial Regex LauncherClass();

    static IEnumerable<string> SourceFiles(string folder) => SweepMethodFolderTests.SourceFiles(folder);
    static string Relative(string file) => SweepMethodFolderTests.Relative(file);

    static IReadOnlyList<string> LauncherFolders() =>
        Directory.GetDirectories(Repository.At(Launchers)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Each_launcher_folder_holds_one_launcher_registered_once()
    {
        var registry = File.ReadAllText(Repository.At(Registry));
        foreach (var folder in LauncherFolders())
        {
            var launchers = SourceFiles($"{Launchers}/{folder}").SelectMany(f => LauncherClass().Matches(File.ReadAllText(f)))
                .Select(m => m.Groups[1].Value).ToList();
            Assert.True(launchers.Count == 1, $"{Launchers}/{folder} holds {launchers.Count} ILauncher classes; a launcher folder holds one");
            Assert.Single(Regex.Matches(registry, $@"new {launchers[0]}\(\)"));
        }
        Assert.Equal(LauncherFolders().Count, SweepLaunchers.All.Count);
        Assert.Equal(LauncherFolders(), SweepLaunchers.All.Select(l => l.GetType().Namespace!.Split('.')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_code_outside_a_launcher_folder_names_its_types_but_the_registry_and_its_own_command()
    {
        var names = LauncherFolders().ToDictionary(folder => folder, folder => SourceFiles($"{Launchers}/{folder}")
            .SelectMany(f => TypeDeclaration().Matches(Comment().Replace(File.ReadAllText(f), "")).Select(m => m.Groups[1].Value))
            .Append($"Launchers.{folder}").ToHashSet());
        Assert.Contains("SlurmTask", names["Slurm"]);
        var commands = SweepLaunchers.All.Where(l => l.Command is not null).ToDictionary(
            l => l.GetType().Namespace!.Split('.')[^1],
            l => $"src/Runner/Cli/{char.ToUpperInvariant(l.Command![0])}{l.Command[1..]}Command.cs");
        var found = new List<string>();
        foreach (var file in SourceFiles("src/Runner").Select(Relative).Where(f => f != Registry))
        {
            var code = Comment().Replace(File.ReadAllText(Repository.At(file)), "");
            foreach (var (folder, types) in names)
            {
                if (file.StartsWith($"{Launchers}/{folder}/", StringComparison.Ordinal) || commands.GetValueOrDefault(folder) == file) continue;
                foreach (var type in types.Where(t => Regex.IsMatch(code, $@"(?<![\w]){Regex.Escape(t)}\b")))
                    found.Add($"{file}: names {type} of the launcher folder {folder}; reach it through ILauncher (SweepLaunchers), or move the code into the folder");
            }
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
