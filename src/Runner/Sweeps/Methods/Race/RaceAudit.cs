using System.Globalization;
using Runner.Sweeps.Adaptive;
using Runner.Text;

namespace Runner.Sweeps.Methods.Race;

/// <summary>A journaled race decision that the results on disk do not bear out: the round (1-based), the configuration, and why.</summary>
public sealed record RaceProblem(int Round, string Subject, string Text);

/// <summary>
/// Checks a race's journal against the runs' results on disk, which may have been written by someone else
/// (red team: a planted round eliminated adam while the race's end said "adam wins"). Every round is
/// replayed from the results: each configuration it decided has a result on every seed of the round; the
/// means and Holm-adjusted p-values it journaled are those of the results; the best is the best mean; no
/// kept configuration has a p at or below one that was eliminated (alpha lies between them); a
/// configuration eliminated earlier is not decided again; and a winner is the round's only survivor.
/// What fails is a problem to report, so that the report and `status` never state a contradicted decision as fact.
/// </summary>
public static class RaceAudit
{
    /// <param name="valueOf">A configuration's final value on a seed as the results give it: NaN when its run ended
    /// without one (failed, diverged), null when the results hold no ended run for it.</param>
    public static IReadOnlyList<RaceProblem> Problems(IReadOnlyList<RoundAnswer> rounds, Func<string, int, double?> valueOf, bool maximize)
    {
        var problems = new List<RaceProblem>();
        var eliminatedIn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int index = 0; index < rounds.Count; index++)
        {
            int round = index + 1;
            var answer = rounds[index];
            void Add(string subject, string text) => problems.Add(new RaceProblem(round, subject, text));

            var decided = answer.Decisions.Where(d => d.Kind is Decision.Survive or Decision.Eliminate).ToList();
            foreach (var d in decided.Where(d => eliminatedIn.ContainsKey(d.Subject)))
                Add(d.Subject, $"round {round} decides {d.Subject} again, which round {eliminatedIn[d.Subject]} eliminated");
            if (answer.Stop is { Subject.Length: > 0 } stop)
            {
                var kept = answer.Survivors.Select(d => d.Subject).ToList();
                if (!kept.Contains(stop.Subject) || kept.Count != 1)
                    Add(stop.Subject, $"round {round} ends the race with {stop.Subject} winning, but the round keeps {(kept.Count == 0 ? "nobody" : string.Join(", ", kept))}");
            }

            var values = decided.ToDictionary(d => d.Subject, d => Enumerable.Range(1, answer.Seeds).Select(seed => valueOf(d.Subject, seed)).ToList(), StringComparer.Ordinal);
            var missing = values.Where(v => v.Value.Contains(null)).ToList();
            foreach (var (subject, list) in missing)
                Add(subject, $"round {round} decided {subject} on seeds 1-{answer.Seeds}, but the results hold no ended run of it with seed {list.IndexOf(null) + 1}");
            foreach (var d in decided.Where(d => d.Kind == Decision.Survive && values[d.Subject].Any(v => v is double.NaN)))
                Add(d.Subject, $"round {round} keeps {d.Subject}, but its run with seed {values[d.Subject].FindIndex(v => v is double.NaN) + 1} has no value in the results");
            if (missing.Count == 0) CheckStatistics(round, decided, values, maximize, Add);

            foreach (var d in answer.Eliminated) eliminatedIn.TryAdd(d.Subject, round);
        }
        return problems;
    }

    /// <summary>The round's means and p-values replayed from the results, against the journaled ones.</summary>
    static void CheckStatistics(int round, IReadOnlyList<Decision> decided, IReadOnlyDictionary<string, List<double?>> values, bool maximize, Action<string, string> add)
    {
        var alive = decided.Where(d => values[d.Subject].All(v => v is not double.NaN)).ToList();
        if (alive.Count == 0) return;
        double Mean(Decision d) => values[d.Subject].Average(v => v!.Value);
        foreach (var d in alive.Where(d => d.Value is { } v && !Close(v, Mean(d))))
            add(d.Subject, $"round {round} gives {d.Subject} a mean of {Numbers.Brief(d.Value!.Value)}, but its results average {Numbers.Brief(Mean(d))}");

        double sign = maximize ? 1 : -1;
        var best = alive.FirstOrDefault(d => d.Kind == Decision.Survive); // the round journals its best first
        var better = alive.MaxBy(d => sign * Mean(d))!;
        if (best is null || sign * Mean(better) > sign * Mean(best) && !Close(Mean(better), Mean(best)))
        {
            add(better.Subject, best is null
                ? $"round {round} eliminates every configuration, though {better.Subject} has the best mean in the results"
                : $"round {round} keeps {best.Subject} as the best, but {better.Subject} has the better mean in the results ({Numbers.Brief(Mean(better))} vs {Numbers.Brief(Mean(best))})");
            return;
        }

        var others = alive.Where(d => d != best).ToList();
        var adjusted = RaceRound.Holm(others.Select(d => RaceRound.PairedOneSidedP(
            values[best.Subject].Zip(values[d.Subject], (b, o) => sign * (b!.Value - o!.Value)).ToList())).ToList());
        for (int i = 0; i < others.Count; i++)
            if (others[i].PValue is { } journaled && !Close(journaled, adjusted[i]))
                add(others[i].Subject, $"round {round} gives {others[i].Subject} p {Numbers.PValue(journaled)} against {best.Subject}, but its results give p {Numbers.PValue(adjusted[i])}");
        var outP = others.Select((d, i) => (d, p: adjusted[i])).Where(x => x.d.Kind == Decision.Eliminate).ToList();
        var inP = others.Select((d, i) => (d, p: adjusted[i])).Where(x => x.d.Kind == Decision.Survive).ToList();
        if (outP.Count > 0 && inP.Count > 0 && inP.MinBy(x => x.p) is var kept && outP.MaxBy(x => x.p) is var gone && kept.p <= gone.p)
            add(gone.d.Subject, $"round {round} eliminates {gone.d.Subject} (p {Numbers.PValue(gone.p)} in the results) but keeps {kept.d.Subject} at p {Numbers.PValue(kept.p)}, which no alpha does");
    }

    // The journal and runs.csv both keep doubles exactly; the margin only absorbs a sum taken in another order.
    static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>The problems as one sentence for a report or `status`.</summary>
    public static string Summary(IReadOnlyList<RaceProblem> problems) =>
        $"The race's journal ({DecisionJournal.FileName}) does not match the results on disk, so its decisions are shown as journaled, not as the race's result: " +
        string.Join("; ", problems.Take(5).Select(p => p.Text)) +
        (problems.Count > 5 ? $"; and {(problems.Count - 5).ToString(CultureInfo.InvariantCulture)} more" : "") + ".";
}

/// <summary>A race's journal with its audit against the results table (runs.csv) of its folder.</summary>
public sealed record AuditedRace(IReadOnlyList<RoundAnswer> Rounds, IReadOnlyList<RaceProblem> Problems)
{
    public bool Contradicted => Problems.Count > 0;

    public static AuditedRace Of(Runner.Reporting.Results.ResultsTable table, IReadOnlyList<RoundAnswer>? journaled = null)
    {
        var rounds = journaled ?? RaceJournal.Rounds(DecisionJournal.Read(table.Directory));
        var byKey = table.Configurations.ToDictionary(c => c.Key, StringComparer.Ordinal);
        double? ValueOf(string label, int seed)
        {
            if (!byKey.TryGetValue(label, out var configuration)) return null;
            var run = configuration.Runs.LastOrDefault(r => r.AxisValue(Runner.Results.SeedAxis.Name) == seed.ToString(CultureInfo.InvariantCulture));
            return run?.Status switch
            {
                Runner.Results.RunStatus.Done => run.Value(table.Metric) ?? double.NaN,
                Runner.Results.RunStatus.Failed or Runner.Results.RunStatus.Diverged => double.NaN,
                _ => null,
            };
        }
        return new AuditedRace(rounds, RaceAudit.Problems(rounds, ValueOf, table.Maximize));
    }

    /// <summary>The problems of a race folder's journal (`status`, `plan`); none while it has no runs.csv yet, or when that can't be read
    /// (the report says why).</summary>
    public static IReadOnlyList<RaceProblem> ProblemsIn(string folder, IReadOnlyList<RoundAnswer> rounds)
    {
        if (rounds.Count == 0 || !File.Exists(Path.Combine(folder, Runner.Results.ResultsLayout.RunsFile))) return [];
        try { return Of(Runner.Reporting.Results.ResultsTable.Load(folder, _ => { }, histories: false), rounds).Problems; }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { return []; }
    }
}
