using Runner.Config.Yaml;
using Runner.Files;

namespace Runner.Config.Diagnostics;

/// <summary>
/// Collects every error instead of stopping at the first, so one `validate` lists all of them.
/// The same error reached twice (e.g. once per run of a sweep) is kept once.
/// </summary>
public sealed class DiagnosticBag
{
    /// <summary>
    /// Distinct errors kept; past this the bag only notes that there were more. A generated 4 MB file
    /// holds 350,000 errors, and keeping, hashing and sorting them all cost more than parsing the file,
    /// for a list no one reads past the first <see cref="Limits.MaxErrorsShown"/>.
    /// </summary>
    public const int MaxKept = 10 * Limits.MaxErrorsShown;

    readonly List<Diagnostic> _items = new();
    readonly HashSet<Diagnostic> _seen = new();

    public bool HasErrors => _items.Count > 0;
    public int Count => _items.Count;

    /// <summary>More distinct errors were reported than the <see cref="MaxKept"/> kept.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Every report, repeats included: compare it before and after a step to know whether the step
    /// failed (<see cref="Count"/> would miss an error already reported by an earlier run).
    /// </summary>
    public int Reports { get; private set; }

    public void Add(SourcePosition at, string message)
    {
        Reports++;
        var diagnostic = new Diagnostic(at, message);
        if (_seen.Contains(diagnostic)) return;
        if (_items.Count >= MaxKept)
        {
            Truncated = true;
            return;
        }
        _seen.Add(diagnostic);
        _items.Add(diagnostic);
    }

    public void Add(ConfigNode at, string message) => Add(at.Position, message);

    /// <summary>The errors of <paramref name="other"/> that <paramref name="keep"/> accepts, and whether it was truncated.</summary>
    public void AddFrom(DiagnosticBag other, Func<Diagnostic, bool> keep)
    {
        foreach (var d in other.Sorted().Where(keep)) Add(d.Position, d.Message);
        Truncated |= other.Truncated;
    }

    /// <summary>Files in the order they were first reported, then by line and column.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        var fileOrder = new Dictionary<string, int>();
        foreach (var d in _items) fileOrder.TryAdd(d.File, fileOrder.Count);
        return _items
            .Select((d, index) => (d, index))
            .OrderBy(x => fileOrder[x.d.File]).ThenBy(x => x.d.Line).ThenBy(x => x.d.Column).ThenBy(x => x.index)
            .Select(x => x.d)
            .ToList();
    }
}
