using Runner.Files;
using Runner.Results;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Training;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// Races the configurations of a `race:` sweep over seeds: every configuration runs seeds 1..first;
/// when all survivors have run the current seeds, <see cref="RaceRound"/> eliminates those
/// significantly worse than the best, and the survivors get one more seed, until one is left or they
/// have max_seeds. Each round's answer is journaled before it takes effect (question "race after N
/// seeds"), so a resumed race replays it. Next() blocks while the round waits for runs in progress.
/// Runs of the round that another process holds are looked for on disk every few seconds.
/// </summary>
public sealed class RacingSweeper : ISweeper
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    readonly RaceSpec _spec;
    readonly ExperimentFolder _folder;
    readonly DecisionJournal _journal;
    readonly string _metric;
    readonly bool _maximize;
    readonly IReadOnlyList<(string Label, IReadOnlyList<PlannedRun> BySeed)> _configurations;
    readonly object _gate = new();
    readonly Queue<PlannedRun> _queue = new();
    readonly HashSet<string> _started = new();
    readonly Dictionary<int, string> _inHand = new(); // launcher thread -> the run it is training
    readonly Dictionary<string, RunOutcome> _ended = new();
    List<string> _survivors;
    int _seeds;
    bool _over, _stopped;

    public RacingSweeper(LoadedExperiment experiment, ExperimentFolder folder, RaceSpec spec)
    {
        _spec = spec;
        _folder = folder;
        _journal = DecisionJournal.Open(folder.Path);
        Runs = experiment.Runs;
        var report = experiment.Runs[0].Experiment.Report;
        (_metric, _maximize) = (report.Metric, report.Maximize);
        _configurations = Configurations(experiment.Runs);
        Check(experiment, spec, _journal.Entries, _journal.FilePath);
        SweepIdentity.Claim(_journal, IdentityOf(experiment, spec));
        _survivors = _configurations.Select(c => c.Label).ToList();
        _seeds = spec.First;
        foreach (var run in Runs)
            if (folder.Run(run).ReadResult() is { } outcome) _ended[run.DirectoryName] = outcome;
        AlreadyEnded = Runs.Where(r => _ended.ContainsKey(r.DirectoryName)).ToList();
        lock (_gate) Advance();
    }

    public IReadOnlyList<PlannedRun> Runs { get; }
    public IReadOnlyList<PlannedRun> AlreadyEnded { get; }

    /// <summary>The runs of the current round not yet started here (what `runner plan` calls open).</summary>
    public int PendingCount { get { lock (_gate) return _queue.Count; } }

    public PlannedRun? Next()
    {
        lock (_gate)
        {
            int thread = Environment.CurrentManagedThreadId;
            _inHand.Remove(thread); // asking again: its last run ended, or another process had it
            while (true)
            {
                if (_stopped) return null;
                if (_queue.TryDequeue(out var run))
                {
                    _started.Add(run.DirectoryName);
                    _inHand[thread] = run.DirectoryName;
                    return run;
                }
                if (_over) return null;
                // The round waits for runs in progress (here or elsewhere): look again when one ends, or on disk after a while.
                if (!Monitor.Wait(_gate, Poll)) LookOnDisk();
                Advance();
            }
        }
    }

    public void Ended(PlannedRun run, RunOutcome outcome)
    {
        lock (_gate)
        {
            _ended[run.DirectoryName] = outcome;
            Advance();
            Monitor.PulseAll(_gate);
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    public IReadOnlyList<PlannedRun> Needed => Runs.Where(Needs).ToList();

    /// <summary>Whether the race needs this run: it ended, or the current round still waits for it (the rest of the plan never runs).</summary>
    public bool Needs(PlannedRun run)
    {
        lock (_gate)
            return _ended.ContainsKey(run.DirectoryName) || !_over && _survivors.Contains(LabelOf(run)) && SeedOf(run) <= _seeds;
    }

    public string? Check(PlannedRun run, EpochMetrics metrics) => null; // a race needs every final value

    /// <summary>Decides every round whose runs have all ended, then queues the current round's missing runs.</summary>
    void Advance()
    {
        while (!_over)
        {
            var needed = _configurations.Where(c => _survivors.Contains(c.Label)).SelectMany(c => c.BySeed.Take(_seeds)).ToList();
            var missing = needed.Where(r => !_ended.ContainsKey(r.DirectoryName)).ToList();
            if (missing.Count > 0)
            {
                foreach (var run in missing.Where(r => !_started.Contains(r.DirectoryName) && !_queue.Contains(r))) _queue.Enqueue(run);
                return;
            }
            var decisions = _journal.Decide(RaceJournal.Question(_seeds), () => RaceRound.Decide(Entrants(), _maximize, _spec, _seeds, _metric));
            var eliminated = decisions.Where(d => d.Kind == Decision.Eliminate).Select(d => d.Subject).ToHashSet();
            _survivors = _survivors.Where(s => !eliminated.Contains(s)).ToList();
            if (decisions.Any(d => d.Kind == Decision.Stop)) _over = true;
            else _seeds++;
        }
    }

    /// <summary>What a race's decisions depend on: every configuration's resolved config (the run folders of its
    /// first seeds name it by hash), first, alpha and the metric; not max_seeds, which may grow.</summary>
    public static Fingerprint IdentityOf(LoadedExperiment experiment, RaceSpec spec) => Fingerprint.Of(
        Configurations(experiment.Runs).SelectMany(c => c.BySeed.Take(spec.First).Select(r => r.DirectoryName))
            .Append($"first={spec.First} alpha={spec.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} metric={experiment.Runs[0].Experiment.Report.Metric}"),
        $"race of {experiment.Name}");

    /// <summary>
    /// Whether this race can go on from a journal, which may not be Runner's (`run`, `plan` and `submit` ask,
    /// writing nothing): it was made for this race (<see cref="IdentityOf"/>), every round is the next one
    /// (seeds first, first+1, ... up to max_seeds, none after a stop), and each answer keeps or eliminates
    /// configurations of this race.
    /// </summary>
    public static void Check(LoadedExperiment experiment, RaceSpec spec, IReadOnlyList<JournalEntry> journal, string path)
    {
        SweepIdentity.Verify(journal, IdentityOf(experiment, spec), path);
        var labels = Configurations(experiment.Runs).Select(c => c.Label).ToHashSet();
        int expected = spec.First;
        bool stopped = false;
        foreach (var (seeds, entry) in RaceJournal.Rounds(journal, path))
        {
            string? problem = stopped ? "comes after the race stopped"
                : seeds != expected ? $"is not the next round (expected '{RaceJournal.Question(expected)}')"
                : seeds > spec.MaxSeeds ? $"is past max_seeds {spec.MaxSeeds}"
                : entry.Decisions.Count == 0 ? "has no answer"
                : entry.Decisions.FirstOrDefault(d => d.Kind is not (Decision.Survive or Decision.Eliminate or Decision.Stop)
                      || d.Kind != Decision.Stop && !labels.Contains(d.Subject) || d.Kind == Decision.Stop && d.Subject != "" && !labels.Contains(d.Subject)) is { } bad
                    ? $"answers '{bad.Kind} {bad.Subject}', which is not keeping, eliminating or stopping a configuration of this race"
                : null;
            if (problem is not null) throw new DecisionJournalException(path, null, $"'{entry.Question}' {problem}");
            stopped = entry.Decisions.Any(d => d.Kind == Decision.Stop);
            expected++;
        }
    }

    /// <summary>Runs started here that another process holds: ended once their result is on disk, offered
    /// again once no process holds them (the one that had them was killed), else left to it.</summary>
    void LookOnDisk()
    {
        var training = _inHand.Values.ToHashSet();
        foreach (var run in Runs.Where(r => _started.Contains(r.DirectoryName) && !_ended.ContainsKey(r.DirectoryName) && !training.Contains(r.DirectoryName)).ToList())
        {
            var runFolder = _folder.Run(run);
            if (runFolder.ReadResult() is { } outcome) _ended[run.DirectoryName] = outcome;
            else if (!FileLock.IsHeld(runFolder.LockFile)) _started.Remove(run.DirectoryName); // its process died: offer it again
        }
    }

    IReadOnlyList<Entrant> Entrants() => _configurations.Where(c => _survivors.Contains(c.Label))
        .Select(c => new Entrant(c.Label, c.BySeed.Take(_seeds).Select(r => FinalValue.Of(_ended[r.DirectoryName], _metric)).ToList()))
        .ToList();

    /// <summary>Runs grouped by their axis values but the seed, in plan order, each group ordered by seed.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<PlannedRun> BySeed)> Configurations(IReadOnlyList<PlannedRun> runs) =>
        runs.GroupBy(LabelOf)
            .Select(g => (g.Key, (IReadOnlyList<PlannedRun>)g.OrderBy(SeedOf).ToList()))
            .ToList();

    public static string LabelOf(PlannedRun run)
    {
        var axes = run.AxisValues.Where(a => a.Key != Results.SeedAxis.Name).Select(a => $"{a.Key}={a.Value}").ToList();
        return axes.Count == 0 ? "(the only configuration)" : string.Join(",", axes);
    }

    public static int SeedOf(PlannedRun run) => int.Parse(run.AxisValues.First(a => a.Key == Results.SeedAxis.Name).Value, System.Globalization.CultureInfo.InvariantCulture);
}
