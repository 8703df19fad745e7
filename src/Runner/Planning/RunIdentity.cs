using System.Text;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// How a run is named: its id lists the axis values in axis order (`optimizer=adam,activation=relu,seed=1`,
/// sub-trees compact, characters unsafe in file names replaced by '_'); its folder adds the hash of the
/// resolved config (`<id>-<hash>`, or `run-<hash>` when there is no sweep).
/// </summary>
public static class RunIdentity
{
    public const string SingleRunId = "run";

    /// <summary>Room for the hash and a suffix within common 255-byte file name limits.</summary>
    public const int MaxIdLengthInDirectoryName = 150;

    public static string Id(IReadOnlyList<SweepAxis> axes, IReadOnlyList<ConfigNode> values) =>
        axes.Count == 0
            ? SingleRunId
            : string.Join(",", axes.Select((axis, i) => (axis, Text: CompactText.Of(values[i])))
                .Where(a => !(a.axis.InBranch && a.Text == "")) // a parameter of a branch not taken
                .Select(a => $"{Safe(a.axis.Name)}={Safe(a.Text)}"));

    public static string DirectoryName(string id, string hash) =>
        $"{(id.Length > MaxIdLengthInDirectoryName ? id[..MaxIdLengthInDirectoryName] : id)}-{hash}";

    /// <summary>The id part of a run directory name (<c>seed=1-ab12cd34</c> -> <c>seed=1</c>); long ids come back cut as in the name.</summary>
    public static string IdOf(string directoryName) =>
        directoryName.LastIndexOf('-') is var dash and > 0 ? directoryName[..dash] : directoryName;

    /// <summary>Letters, digits and `. _ + - = , ( ) [ ]` stay; everything else becomes '_'.</summary>
    public static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
            safe.Append(char.IsAsciiLetterOrDigit(c) || "._+-=,()[]".Contains(c) ? c : '_');
        return safe.ToString();
    }
}
