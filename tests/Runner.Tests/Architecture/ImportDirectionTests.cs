using System.Text.RegularExpressions;

namespace Runner.Tests.Architecture;

/// <summary>
/// The folders of src/Runner are layers: each may import only the folders below it in <see cref="Order"/>,
/// so a change low down never needs a change high up and the folders never import each other in a loop.
/// An import is a `using Runner.X`, a fully qualified `Runner.X.` reference, or `X.Name` where Name is a
/// type or namespace of folder X (what C# resolves from inside namespace Runner). Comments don't count.
/// The order and what each folder holds are in docs/architecture.md ("The layers of src/Runner").
/// </summary>
public sealed partial class ImportDirectionTests
{
    /// <summary>The folders of src/Runner, lowest first.</summary>
    public static readonly string[] Order =
    [
        "Text", "Files", "Devices", "Threading", "Results", "Data", "Config", "Planning", "Schema", "Training", "Recording",
        "Progress", "TensorBoard", "Reporting", "Prediction", "Onnx", "Sweeps", "Status", "Serve", "Cli",
    ];

    const string Source = "src/Runner";

    [GeneratedRegex(@"//.*|/\*[\s\S]*?\*/")] private static partial Regex Comment();
    [GeneratedRegex(@"(?<![\w.])(?:global::)?Runner\.(\w+)")] private static partial Regex Qualified();
    [GeneratedRegex(@"(?<![\w.])(\w+)\.(\w+)")] private static partial Regex Dotted();
    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")] private static partial Regex TypeDeclaration();

    static string Root => Repository.At(Source);

    static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    static IReadOnlyList<string> Folders() =>
        Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj")).Order(StringComparer.Ordinal).ToList();

    /// <summary>What a folder offers under its own name: the types declared in it and its subfolders (namespaces).</summary>
    static Dictionary<string, HashSet<string>> Names() => Order.ToDictionary(folder => folder, folder =>
    {
        var names = SourceFiles(folder).SelectMany(f => TypeDeclaration().Matches(Comment().Replace(File.ReadAllText(f), "")))
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        names.UnionWith(Directory.EnumerateDirectories(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).OfType<string>());
        return names;
    });

    /// <summary>The folders a file of <paramref name="own"/> refers to, each with the line it does so first.
    /// <paramref name="shadowed"/>: names of <paramref name="own"/>'s subfolders, which C# resolves there
    /// before a top folder of the same name (Reporting's Results is not the Results folder).</summary>
    public static IEnumerable<(string Folder, int Line)> Imports(string code, string own,
        IReadOnlyDictionary<string, HashSet<string>> names, IReadOnlySet<string> shadowed)
    {
        var lines = Comment().Replace(code, m => new string('\n', m.Value.Count(c => c == '\n'))).Split('\n');
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var folders = Qualified().Matches(lines[i]).Select(m => m.Groups[1].Value).Where(names.ContainsKey)
                .Concat(Dotted().Matches(lines[i])
                    .Where(m => !shadowed.Contains(m.Groups[1].Value) && names.TryGetValue(m.Groups[1].Value, out var offered) && offered.Contains(m.Groups[2].Value))
                    .Select(m => m.Groups[1].Value));
            foreach (var folder in folders)
                if (folder != own) found.TryAdd(folder, i + 1);
        }
        return found.Select(f => (f.Key, f.Value)).OrderBy(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal);
    }

    [Fact]
    public void Every_folder_of_src_Runner_has_its_place_in_the_order()
    {
        Assert.Equal(Order.Order(StringComparer.Ordinal), Folders());
        Assert.Equal(Order.Length, Order.Distinct().Count());
    }

    [Fact]
    public void Every_file_imports_only_folders_below_its_own()
    {
        var names = Names();
        var upward = new List<string>();
        foreach (var own in Order)
        {
            var shadowed = Directory.EnumerateDirectories(Path.Combine(Root, own), "*", SearchOption.AllDirectories)
                .Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var file in SourceFiles(own))
                foreach (var (folder, line) in Imports(File.ReadAllText(file), own, names, shadowed))
                    if (Array.IndexOf(Order, folder) > Array.IndexOf(Order, own))
                        upward.Add($"{Path.GetRelativePath(Repository.Root, file).Replace(Path.DirectorySeparatorChar, '/')}:{line}: " +
                            $"{own} imports {folder}, which is above it; move the piece it needs down to {own} or below");
        }
        Assert.True(upward.Count == 0, $"The folders of {Source}, lowest first: {string.Join(", ", Order)}.\n" + string.Join("\n", upward));
    }

    [Fact]
    public void A_using_a_qualified_name_and_a_name_relative_to_Runner_are_imports_and_comments_are_not()
    {
        var names = new Dictionary<string, HashSet<string>>
        {
            ["Files"] = ["AtomicFile"], ["Config"] = ["Limits"], ["Cli"] = ["RunnerRegistries"], ["Sweeps"] = ["Search", "ISweeper"],
        };
        const string code = """
            using Runner.Config;
            // using Runner.Cli; (a comment)
            namespace Runner.Files;
            /// <see cref="Sweeps.ISweeper"/>
            class A { int B => Cli.RunnerRegistries.Count + Status.Code + global::Runner.Sweeps.Search.X.Y; }
            """;
        Assert.Equal([("Config", 1), ("Cli", 5), ("Sweeps", 5)], Imports(code, "Files", names, new HashSet<string>()).ToList());
        Assert.Equal([("Config", 1), ("Sweeps", 5)], Imports(code, "Files", names, new HashSet<string> { "Cli" }).ToList());
    }
}
