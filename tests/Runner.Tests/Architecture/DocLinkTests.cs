using System.Text.RegularExpressions;

namespace Runner.Tests.Architecture;

/// <summary>
/// The documentation holds together: every relative link in the README, CONTRIBUTING.md, docs/ and the
/// bench and experiments READMEs names a file or folder of the checkout, and every #anchor names a heading
/// of its page as GitHub spells it. Links inside code (fenced blocks, `spans`) are text, not links.
/// </summary>
public sealed partial class DocLinkTests
{
    /// <summary>The pages checked, relative to the checkout; a folder means every .md file in it.</summary>
    public static readonly string[] Pages = ["README.md", "CONTRIBUTING.md", "docs", "bench/README.md", "experiments/README.md"];

    [GeneratedRegex(@"\]\(([^)\s]+)\)")] private static partial Regex Link();
    [GeneratedRegex(@"`[^`]*`")] private static partial Regex CodeSpan();
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")] private static partial Regex Heading();
    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")] private static partial Regex LinkText();
    [GeneratedRegex(@"[^\p{L}\p{Nd}\p{Mn}\p{Pc} -]")] private static partial Regex NotSlug();
    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")] private static partial Regex Scheme();

    static IEnumerable<string> PageFiles() =>
        Pages.SelectMany(page => Directory.Exists(Repository.At(page))
            ? Directory.EnumerateFiles(Repository.At(page), "*.md").Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[Repository.At(page)]);

    /// <summary>The lines of a Markdown file that are prose: fenced code blocks left out, line numbers kept.</summary>
    static IEnumerable<(int Number, string Text)> ProseLines(string path)
    {
        var inFence = false;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (!inFence) yield return (number, line);
        }
    }

    /// <summary>GitHub's anchor for a heading: the text as rendered (code and link markup gone), lower
    /// case, punctuation but hyphens and underscores dropped, each space a hyphen.</summary>
    public static string Slug(string heading)
    {
        var text = LinkText().Replace(heading, "$1").Replace("`", "");
        return NotSlug().Replace(text.ToLowerInvariant(), "").Replace(' ', '-');
    }

    /// <summary>Every anchor of a page; a repeated heading gets -1, -2, ... as on GitHub.</summary>
    public static IReadOnlySet<string> Anchors(string path)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, line) in ProseLines(path))
            if (Heading().Match(line) is { Success: true } m)
            {
                var slug = Slug(m.Groups[2].Value);
                var count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }
        return anchors;
    }

    /// <summary>Every relative link of a page that names no file, or an anchor its page lacks.</summary>
    public static IEnumerable<string> BrokenLinks(string path)
    {
        var shown = Path.GetRelativePath(Repository.Root, path).Replace(Path.DirectorySeparatorChar, '/');
        foreach (var (number, line) in ProseLines(path))
            foreach (Match m in Link().Matches(CodeSpan().Replace(line, "")))
            {
                var target = m.Groups[1].Value;
                if (Scheme().IsMatch(target)) continue;   // https:, mailto: ...
                var hash = target.IndexOf('#');
                var file = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    yield return $"{shown}:{number}: {target}: no such file or folder";
                else if (anchor is not null && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(resolved).Contains(anchor))
                    yield return $"{shown}:{number}: {target}: {Path.GetFileName(resolved)} has no heading with the anchor #{anchor}";
            }
    }

    [Fact]
    public void Every_relative_link_and_anchor_in_the_documentation_resolves()
    {
        var pages = PageFiles().ToList();
        Assert.Contains(pages, p => p.EndsWith("architecture.md", StringComparison.Ordinal));
        var broken = pages.SelectMany(BrokenLinks).ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Theory]
    [InlineData("Busy machines (`--load`)", "busy-machines---load")]
    [InlineData("Install as a .NET tool", "install-as-a-net-tool")]
    [InlineData("The layers of src/Runner", "the-layers-of-srcrunner")]
    [InlineData("Searching and racing (bench/search)", "searching-and-racing-benchsearch")]
    [InlineData("2026-11-30 22:48 UTC, 3 repetitions", "2026-11-30-2248-utc-3-repetitions")]
    [InlineData("See [the map](architecture.md)", "see-the-map")]
    public void A_heading_is_anchored_as_GitHub_anchors_it(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    [Fact]
    public void A_missing_file_a_missing_anchor_and_a_repeated_heading_are_told_apart()
    {
        using var temp = new TempFolder();
        var page = temp["page.md"];
        File.WriteAllLines(page,
        [
            "# Title", "## Part", "## Part",
            "[ok](#part-1) [file](page.md#title) [web](https://example.org/x.md)",
            "[gone](missing.md) [no anchor](#part-2) `[code](nowhere.md)`",
            "```", "[fenced](nowhere.md)", "```",
        ]);
        var broken = BrokenLinks(page).ToList();
        Assert.Equal(2, broken.Count);
        Assert.Contains(broken, b => b.Contains(":5: missing.md: no such file or folder", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.Contains(":5: #part-2: page.md has no heading with the anchor #part-2", StringComparison.Ordinal));
    }
}
