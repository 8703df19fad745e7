using System.Text.RegularExpressions;

namespace Runner.Tests.Architecture;

/// <summary>
/// A sweep method is one folder under src/Runner/Sweeps/Methods behind ISweepMethod, registered in
/// SweepMethods.cs (docs/architecture.md, "A sweep method"): no code outside the method folders names a
/// method's types or asks which method it holds, so adding one is its folder and one registration line.
/// </summary>
public sealed partial class SweepMethodFolderTests
{
    const string Methods = "src/Runner/Sweeps/Methods";

    /// <summary>Files outside the method folders that may still name one of them, and why.</summary>
    static readonly IReadOnlyDictionary<string, string> Allowed = new Dictionary<string, string>
    {
    };

    [GeneratedRegex(@"//.*|/\*[\s\S]*?\*/")] private static partial Regex Comment();
    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")] private static partial Regex TypeDeclaration();
    [GeneratedRegex(@"\.(Race|Tpe)\b|is (Racing|Tpe)Sweeper")] private static partial Regex AsksForAMethod();

    /// <summary>The .cs files of a folder of the repository (its build output left out); LauncherFolderTests shares them.</summary>
    internal static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Repository.At(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    internal static string Relative(string file) => Path.GetRelativePath(Repository.Root, file).Replace(Path.DirectorySeparatorChar, '/');

    [Fact]
    public void No_code_outside_the_method_folders_names_a_method_or_asks_which_one_it_holds()
    {
        var folders = Directory.GetDirectories(Repository.At(Methods));
        var names = folders.ToDictionary(folder => Path.GetFileName(folder)!, folder => SourceFiles(Relative(folder))
            .SelectMany(f => TypeDeclaration().Matches(Comment().Replace(File.ReadAllText(f), "")).Select(m => m.Groups[1].Value))
            .Append($"Sweeps.Methods.{Path.GetFileName(folder)}").ToHashSet());
        Assert.Contains("RacingSweeper", names["Race"]);
        var found = new List<string>();
        foreach (var file in SourceFiles("src/Runner").Where(f => !Relative(f).StartsWith(Methods + "/", StringComparison.Ordinal)))
        {
            var code = Comment().Replace(File.ReadAllText(file), "");
            if (AsksForAMethod().Match(code) is { Success: true } asks) found.Add($"{Relative(file)}: '{asks.Value}' asks which method the sweep has; ask its ISweepMethod (SweepMethods.Of)");
            if (Allowed.ContainsKey(Relative(file))) continue;
            foreach (var (method, types) in names)
                foreach (var type in types.Where(t => Regex.IsMatch(code, $@"(?<![\w]){Regex.Escape(t)}\b")))
                    found.Add($"{Relative(file)}: names {type} of the method folder {method}; reach it through ISweepMethod, or move the code into the folder");
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Each_method_folder_is_registered_once()
    {
        var registry = File.ReadAllText(Repository.At($"{Methods}/SweepMethods.cs"));
        foreach (var folder in Directory.GetDirectories(Repository.At(Methods)))
        {
            var method = SourceFiles(Relative(folder)).Select(f => Regex.Match(File.ReadAllText(f), @"class (\w+)\s*:\s*ISweepMethod\b"))
                .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            if (method.Count == 0) continue; // a folder of pieces other methods share (a sequence, a sampler)
            Assert.Single(method);
            Assert.Single(Regex.Matches(registry, $@"new {method[0]}\(\)"));
        }
    }
}
