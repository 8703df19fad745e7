using Runner.Config.Yaml;

namespace Runner.Config.Diagnostics;

/// <summary>
/// Collects every error instead of stopping at the first, so one `validate` lists all of them.
/// The same error reached twice (e.g. once per run of a sweep) is kept once.
/// </summary>
public sealed class DiagnosticBag
{
    readonly List<Diagnostic> _items = new();
    readonly HashSet<Diagnostic> _seen = new();

    public bool HasErrors => _items.Count > 0;
    public int Count => _items.Count;

    /// <summary>
    /// Every report, repeats included: compare it before and after a step to know whether the step
    /// failed (<see cref="Count"/> would miss an error already reported by an earlier run).
    /// </summary>
    public int Reports { get; private set; }

    public void Add(SourcePosition at, string message)
    {
        Reports++;
        var diagnostic = new Diagnostic(at, message);
        if (_seen.Add(diagnostic)) _items.Add(diagnostic);
    }

    public void Add(ConfigNode at, string message) => Add(at.Position, message);

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d.Position, d.Message);
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
