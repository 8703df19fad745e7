using Runner.Planning;
using Runner.Planning.Constraints;
using Runner.Results;
using System.Globalization;
using System.Text.Json;

namespace Runner.Reporting.Results;

/// <summary>
/// Reads sweep.json field by field, so that a missing or older file still gives a usable
/// <see cref="SweepInfo"/> (the report is often redrawn from a folder written by an earlier version).
/// </summary>
internal static class SweepInfoReader
{
    public static SweepInfo Read(string path, string fallbackName, Action<string> warn)
    {
        if (!File.Exists(path))
        {
            warn($"{ResultsLayout.SweepFile} is missing; the report will not say when or where the sweep ran");
            return Empty(fallbackName);
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var machine = root.TryGetProperty(SweepFileKeys.Machine, out var m) && m.ValueKind == JsonValueKind.Object
                ? new MachineInfo(Int(m, "cores"), Text(m, "os"), Text(m, "runtime"))
                : new MachineInfo(null, null, null);
            var metric = Text(root, SweepFileKeys.Metric);
            return new SweepInfo(
                Text(root, SweepFileKeys.Experiment) ?? fallbackName,
                Text(root, SweepFileKeys.Source),
                Time(root, SweepFileKeys.Started),
                Time(root, SweepFileKeys.Finished),
                Number(root, SweepFileKeys.WallSeconds),
                Int(root, SweepFileKeys.Runs),
                Int(root, SweepFileKeys.Jobs),
                machine,
                Packages(root),
                Strings(root, SweepFileKeys.Axes),
                string.IsNullOrWhiteSpace(metric) ? ResultsLayout.DefaultMetric : metric,
                Strings(root, SweepFileKeys.Plan).Where(ResultsLayout.IsRunFolderName).ToList())
            { Objectives = Objectives(root, warn), Constraints = Constraints(root, warn), Shape = Shape(root) };
        }
        catch (JsonException e)
        {
            warn($"{ResultsLayout.SweepFile} is not valid JSON ({e.Message}); ignoring it");
            return Empty(fallbackName);
        }
    }

    /// <summary>`{"val_accuracy": "max", "parameters": "min"}`, as the recorder writes it; anything else is set aside with a warning.</summary>
    static IReadOnlyList<ReportObjective> Objectives(JsonElement root, Action<string> warn)
    {
        if (!root.TryGetProperty(SweepFileKeys.Objectives, out var v)) return [];
        var objectives = v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Take(ReportObjective.MaxCount + 1)
                .Where(p => IsObjectiveName(p.Name) && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is ReportObjective.Max or ReportObjective.Min)
                .Select(p => new ReportObjective(p.Name, p.Value.GetString() == ReportObjective.Max)).ToList()
            : [];
        if (objectives.Count is >= 2 and <= ReportObjective.MaxCount && objectives.Count == v.EnumerateObject().Count()) return objectives;
        warn($"{ResultsLayout.SweepFile}: \"{SweepFileKeys.Objectives}\" is not 2 to {ReportObjective.MaxCount} names each \"max\" or \"min\"; the report has no Pareto front");
        return [];
    }

    /// <summary>`["parameters <= 50000", ...]`, as the recorder writes them; anything else is set aside with a warning.</summary>
    static SweepConstraints Constraints(JsonElement root, Action<string> warn)
    {
        if (!root.TryGetProperty(SweepFileKeys.Constraints, out var v)) return SweepConstraints.None;
        var read = v.ValueKind == JsonValueKind.Array && v.GetArrayLength() <= MaxConstraints
            ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: <= 200 } text ? SweepConstraint.Parse(text).Constraint : null).ToList()
            : [null];
        if (read.All(c => c is not null && IsObjectiveName(c.Name))) return new SweepConstraints(read!);
        warn($"{ResultsLayout.SweepFile}: \"{SweepFileKeys.Constraints}\" is not a list of up to {MaxConstraints} constraints such as \"parameters <= 50000\"; the report judges no run by them");
        return SweepConstraints.None;
    }

    const int MaxConstraints = 100;

    /// <summary>
    /// A name the config could have accepted (a metric, parameters, seconds): ASCII letters, digits and '_'.
    /// The name reaches the console's answer lines, where a planted escape sequence would drive the terminal.
    /// </summary>
    static bool IsObjectiveName(string name) => name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    static SweepInfo Empty(string name) =>
        new(name, null, null, null, null, null, null, new MachineInfo(null, null, null), [], [], ResultsLayout.DefaultMetric, []);

    /// <summary>The recorded shape of the search; null when sweep.json predates it or someone else's says nonsense.</summary>
    static SweepShape? Shape(JsonElement root) =>
        root.TryGetProperty(SweepFileKeys.Space, out var space) && space.ValueKind == JsonValueKind.Object
        && Text(space, "kind") is { Length: > 0 } kind && space.TryGetProperty("search", out var search) && search.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? new SweepShape(kind, search.GetBoolean(), Strings(space, "log"))
            : null;

    static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t
            : null;

    static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];

    static IReadOnlyList<KeyValuePair<string, string>> Packages(JsonElement e) =>
        e.TryGetProperty(SweepFileKeys.Packages, out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ToString())).ToArray()
            : [];
}
