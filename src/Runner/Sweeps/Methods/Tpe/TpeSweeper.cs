using Runner.Files;
using System.Globalization;
using Runner.Planning;
using Runner.Planning.Constraints;
using Runner.Recording;
using Runner.Results;
using Runner.Sweeps.Adaptive;
using Runner.Training;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// Runs a `tpe:` search: its startup trials (random, planned in advance), then one trial at a time
/// proposed by <see cref="TpeSampler"/> from the trials so far, as a launcher thread asks for work.
/// Finished trials count with their final report.metric; pruned, diverged and failed ones count as bad,
/// and trials still in progress (here, on another thread) as bad too, the constant liar, so parallel
/// workers spread out. Each proposal (<see cref="TpeJournal"/>) is journaled with its axis values before the
/// trial starts; a resumed search plans the journaled trials again, finishes them and proposes on, so
/// with --jobs 1 it makes exactly the proposals an uninterrupted search makes.
/// Several processes (--shard workers, the tasks of `runner submit`) share the search through the
/// journal: a trial number another worker proposed first is that worker's to train, so this one moves
/// on to the next number; a trial that no worker finished (its worker was killed) is trained by the
/// first worker left with nothing else to do.
/// With `repeats: N` beside `tpe:` a trial is N runs (seeds 1..N) and counts with their mean, once all have
/// finished. A run whose resolved config (configuration and seed) an earlier trial has already is not trained
/// again: the trial counts with that run's outcome. With `warm_start:` the earlier folders' runs in this
/// space are observations too, and a run they hold is copied in instead of trained (<see cref="WarmStart"/>).
/// With `race:` beside `tpe:` the trials race the incumbent one after another (<see cref="SearchRace"/>): a trial
/// counts with the mean over the seeds it got, and the next is proposed once its race is over; Next() blocks
/// while a round waits for runs in progress, and runs another process holds are looked for on disk.
/// </summary>
public sealed class TpeSweeper : ISweeper
{
    readonly TpeSearch _search;
    readonly ExperimentFolder _folder;
    readonly DecisionJournal _journal;
    readonly TpeSampler _sampler;
    readonly string _metric;
    readonly bool _maximize;
    readonly IReadOnlyList<ReportObjective> _objectives;  // two or more: multi-objective TPE; else none
    readonly SweepConstraints _constraints;
    int _draws = 1;
    readonly object _gate = new();
    readonly List<PlannedRun> _trials = []; // every run of every trial so far, trial by trial, seed 1 first
    readonly IReadOnlyList<Decision> _earlier;
    readonly Queue<PlannedRun> _queue = new();
    readonly Dictionary<string, RunOutcome> _ended = new();
    readonly HashSet<string> _endedHere = new();
    readonly bool _retryFailed;
    // With `race:` beside the search (else null): the race, the runs started here, each launcher thread's run, and whether it is over.
    readonly SearchRace? _race;
    readonly HashSet<string> _started = new();
    readonly Dictionary<int, string> _inHand = new();
    bool _raceOver, _stopped;
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public TpeSweeper(LoadedExperiment experiment, ExperimentFolder folder, bool retryFailed = true)
    {
        _retryFailed = retryFailed;
        _search = SearchOf(experiment);
        _folder = folder;
        _journal = DecisionJournal.Open(folder.Path);
        var report = experiment.Runs[0].Experiment.Report;
        (_metric, _maximize) = (report.Metric, report.Maximize);
        _objectives = MultiObjective.Of(experiment);
        _constraints = experiment.Constraints;
        _race = _search.Spec.Race is { } race ? new SearchRace(race, _journal, _metric, _maximize) : null;
        _sampler = _search.Spec.Sampler(_maximize, _objectives.Count > 0 ? _objectives.Select(o => o.Maximize).ToList() : null, _constraints.After.Any());

        Check(experiment, _journal.Entries, _journal.FilePath);
        SweepIdentity.Claim(_journal, IdentityOf(experiment));
        _earlier = WarmStart.Earlier(_search, _journal, folder.Path, _metric);
        // The startup trials, then every trial proposed before (a resumed search).
        var startup = experiment.Runs.GroupBy(TpeSpec.TrialOf).ToList();
        foreach (var trial in startup)
            _trials.AddRange(Journaled(trial.Key, () => trial.First(), $"{_search.Spec.StartupSampler} (startup trial {trial.Key} of {startup.Count})"));
        while (TrialCount < _search.Spec.Trials && _journal.Answered(TpeJournal.Question(TrialCount + 1)) is { } proposal)
            _trials.AddRange(FromProposal(TrialCount + 1, proposal));

        var ended = new List<PlannedRun>();
        foreach (var run in Runs)
        {
            CopyEarlier(run);
            var result = folder.Run(run).ReadResult();
            if (result is not null && !RunExecution.Retries(result, retryFailed))
            {
                ended.Add(run);
                _ended[run.DirectoryName] = result;
            }
            else if (_race is null) _queue.Enqueue(run);
        }
        AlreadyEnded = ended;
        if (_race is not null) AdvanceRace();
    }

    /// <summary>The runs to train: each trial's, but one whose resolved config an earlier trial's run has.</summary>
    public IReadOnlyList<PlannedRun> Runs { get { lock (_gate) return _trials.DistinctBy(t => t.Hash).ToList(); } }
    int TrialCount => _trials.Count / _search.Seeds;
    public IReadOnlyList<PlannedRun> AlreadyEnded { get; }
    public int Planned => _search.Spec.Trials * _search.Seeds;

    public PlannedRun? Next()
    {
        if (_race is not null) return NextRaced();
        lock (_gate)
        {
            if (_queue.TryDequeue(out var run)) return run;
            while (TrialCount < _search.Spec.Trials)
            {
                int trial = TrialCount + 1;
                var known = _trials.Select(t => t.Hash).ToHashSet();
                var proposed = Journaled(trial, () => Propose(trial), null, out bool made);
                _trials.AddRange(proposed);
                // Another worker proposed this trial first: it trains it. A run an earlier trial has is not trained again.
                if (!made) continue;
                foreach (var fresh in proposed.Where(r => known.Add(r.Hash)))
                    if (CopyEarlier(fresh) is { } copied) Record(fresh, copied);
                    else _queue.Enqueue(fresh);
                if (_queue.TryDequeue(out var next)) return next;
            }
            return Orphan();
        }
    }

    /// <summary>A trial not ended that no live process holds: another worker's, left unfinished when it was
    /// killed (or skipped here earlier because that worker still had it). One that ended here is never
    /// offered again, so a failed retry doesn't loop.</summary>
    PlannedRun? Orphan() => _trials.DistinctBy(t => t.Hash).FirstOrDefault(t => !_endedHere.Contains(t.DirectoryName)
        && (Outcome(t) is not { } ended || RunExecution.Retries(ended, _retryFailed))
        && !FileLock.IsHeld(_folder.Run(t).LockFile));

    /// <summary>How the trial ended, here or in another worker (read from its folder), or null.</summary>
    RunOutcome? Outcome(PlannedRun trial)
    {
        trial = _trials.First(t => t.Hash == trial.Hash); // a run an earlier trial has counts with that one's outcome
        if (_ended.TryGetValue(trial.DirectoryName, out var outcome)) return outcome;
        if (_folder.Run(trial).ReadResult() is not { } read) return null;
        _ended[trial.DirectoryName] = read;
        return read;
    }

    public void Ended(PlannedRun run, RunOutcome outcome)
    {
        lock (_gate)
        {
            _ended[run.DirectoryName] = outcome;
            _endedHere.Add(run.DirectoryName);
            if (_race is null) return;
            AdvanceRace();
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

    /// <summary>With a race: the runs the race needed (each trial's seeds it was given), not the seeds it never ran.</summary>
    public IReadOnlyList<PlannedRun> Needed
    {
        get
        {
            lock (_gate)
            {
                if (_race is null) return Runs;
                var given = _trials.Where(Given).Select(Canonical).Select(r => r.DirectoryName).ToHashSet();
                return Runs.Where(r => given.Contains(r.DirectoryName)).ToList();
            }
        }
    }

    /// <summary>Whether the race gave this trial's run its seed (always, without a race).</summary>
    bool Given(PlannedRun run) => _race is null || TrialSeeds.SeedOf(run) <= _race.SeedsOf(TpeSpec.TrialOf(run));

    /// <summary>The run that trains a trial's run: the first trial's on the same resolved config (configuration and seed).</summary>
    PlannedRun Canonical(PlannedRun run) => _trials.First(t => t.Hash == run.Hash);

    PlannedRun? NextRaced()
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
                if (_raceOver) return null;
                // The round waits for runs in progress (here or elsewhere): look again when one ends, or on disk after a while.
                if (!Monitor.Wait(_gate, Poll)) LookOnDisk();
                AdvanceRace();
            }
        }
    }

    /// <summary>Decides every round whose runs have all ended, proposing each next trial once the last one's race is over,
    /// then queues the missing runs of the round that waits.</summary>
    void AdvanceRace()
    {
        var race = _race!;
        while (!_raceOver)
        {
            int trial = race.Over + 1;
            if (trial > TrialCount)
            {
                if (TrialCount >= _search.Spec.Trials) { _raceOver = true; return; }
                _trials.AddRange(Journaled(trial, () => Propose(trial), null));
                continue;
            }
            var round = race.Round(trial).Select(p => Canonical(RunOf(p.Trial, p.Seed))).DistinctBy(r => r.DirectoryName).ToList();
            var missing = round.Where(r => !_ended.ContainsKey(r.DirectoryName)).ToList();
            if (missing.Count > 0)
            {
                foreach (var run in missing.Where(r => !_started.Contains(r.DirectoryName) && !_queue.Contains(r))) _queue.Enqueue(run);
                return;
            }
            race.Decide(trial, (t, seed) => FinalValue.Of(_ended[Canonical(RunOf(t, seed)).DirectoryName], _metric));
        }
    }

    PlannedRun RunOf(int trial, int seed) => _trials.First(r => TpeSpec.TrialOf(r) == trial && TrialSeeds.SeedOf(r) == seed);

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

    public string? Check(PlannedRun run, EpochMetrics metrics) =>
        run.Experiment.Pruning is { } pruning ? new Pruner(pruning, _folder, Runs, _journal).Check(run, metrics) : null;

    /// <summary>
    /// TPE's point for the trial from every trial so far: finished ones with their value (with `repeats:`, the mean
    /// over their seeds), the rest as bad, after the warm start's configurations this search has not run; drawn
    /// again while it breaks a constraint known before training.
    /// </summary>
    PlannedRun Propose(int trial)
    {
        var trials = _trials.Where(Given).GroupBy(TpeSpec.TrialOf).Select(g => _search.Seeds == 1 ? ObservationOf(g.First()) : SeedMean(g)).ToList();
        var own = _trials.Select(t => WarmStart.PointKey(_search.Spec, t.AxisValues.ToDictionary(a => a.Key, a => a.Value))).ToHashSet();
        var observations = WarmStart.Observations(_search.Spec, _earlier, own).Concat(trials).ToList();
        if (!_constraints.Before.Any()) return _search.PlanTrial(trial, _sampler.Propose(trial - 1, observations));
        (var run, _draws) = TpeFeasibility.Propose(_search, _sampler, trial, observations, _constraints);
        return run;
    }

    /// <summary>A trial on several seeds as the sampler sees it: the mean over its seeds of each objective (every one of a
    /// multi-objective search, not just the first) and of each seed's violation; bad until every seed has a value.</summary>
    Observation SeedMean(IEnumerable<PlannedRun> runs)
    {
        var seeds = runs.Select(ObservationOf).ToList();
        if (seeds.Any(o => o.Value is null)) return new Observation(seeds[0].Point, null);
        return seeds[0] with
        {
            Value = seeds.Average(o => o.Value!.Value),
            Values = seeds[0].Values is { } first ? first.Select((_, i) => seeds.Average(o => o.Values![i])).ToList() : null,
            Violation = seeds.Average(o => o.Violation),
        };
    }

    /// <summary>A trial's value: the mean of its runs' final values once every seed has one; null (bad) before, or when one failed.</summary>
    double? MeanOverSeeds(IEnumerable<PlannedRun> runs)
    {
        var values = runs.Select(r => Outcome(r) is { } outcome ? FinalValue.Of(outcome, _metric) : double.NaN).ToList();
        return values.All(double.IsFinite) ? values.Average() : null;
    }

    /// <summary>What the sampler sees of a trial: its point, and its value (or values, and its violation), null when bad.</summary>
    Observation ObservationOf(PlannedRun trial)
    {
        var point = _search.Spec.Point(trial);
        if (Outcome(trial) is not { } outcome) return new Observation(point, null);
        if (_objectives.Count == 0 && !_constraints.After.Any())
            return new Observation(point, FinalValue.Of(outcome, _metric) is var v && double.IsFinite(v) ? v : null);
        double? Value(string name) => RunValues.Of(trial, outcome, _folder.Run(trial), name);
        var violation = _constraints.Violation(Value); // those known before training are kept by every trained trial
        if (_objectives.Count == 0)
            return new Observation(point, FinalValue.Of(outcome, _metric) is var single && double.IsFinite(single) ? single : null) { Violation = violation };
        var values = _objectives.Select(o => Value(o.Name)).ToList();
        return values.All(x => x is { } f && double.IsFinite(f))
            ? new Observation(point, values[0]) { Values = values.Select(x => x!.Value).ToList(), Violation = violation }
            : new Observation(point, null);
    }

    /// <summary>The warm start's copy of a run not ended here, journaled with where it came from; null when it has none (or it can't be copied now).</summary>
    RunOutcome? CopyEarlier(PlannedRun run)
    {
        var runFolder = _folder.Run(run);
        if (runFolder.ReadResult() is not null || WarmStart.SourceOf(_earlier, run.Hash) is not { } source || !WarmStart.Copy(source, run, runFolder)) return null;
        _journal.Decide(WarmStart.CopyQuestion(run.DirectoryName), () => [new Decision(WarmStart.Reuse, run.DirectoryName, source)]);
        return runFolder.ReadResult();
    }

    /// <summary>A copied run, into runs.csv and the search's outcomes, as if it had ended here.</summary>
    void Record(PlannedRun run, RunOutcome outcome)
    {
        _folder.Runs.Upsert(RunExecution.RecordOf(run, outcome), Runs.Select(r => r.DirectoryName).ToList());
        _ended[run.DirectoryName] = outcome;
    }

    /// <summary>The journaled proposal of the trial, or <paramref name="plan"/>'s run journaled first (a random startup trial's
    /// with <paramref name="reason"/>, TPE's when that is null); either way the run planned from the journaled values.</summary>
    IReadOnlyList<PlannedRun> Journaled(int trial, Func<PlannedRun> plan, string? reason) => Journaled(trial, plan, reason, out _);

    IReadOnlyList<PlannedRun> Journaled(int trial, Func<PlannedRun> plan, string? reason, out bool made)
    {
        var decisions = _journal.Decide(TpeJournal.Question(trial), () =>
        {
            var run = plan();
            int finished = _trials.Where(Given).GroupBy(TpeSpec.TrialOf).Count(g => MeanOverSeeds(g) is not null);
            var seeds = _race is not null ? ", each the mean over the seeds its race gave it" : _search.Seeds > 1 ? $", each the mean over {_search.Seeds} seeds" : "";
            var earlier = _earlier.Count > 0 ? $" and {_earlier.Count} earlier runs (warm start)" : "";
            var why = reason ?? (_objectives.Count > 0
                ? $"multi-objective TPE on {string.Join(" and ", _objectives.Select(o => $"{o.Name} ({o.Direction})"))} from {TrialCount} trials{earlier} ({finished} finished, the rest counted as bad)"
                : $"TPE from {TrialCount} trials{earlier} ({finished} finished with {_metric}{seeds}, the rest counted as bad)")
                + (_constraints.After.Any() ? $"; feasible first under {string.Join(", ", _constraints.After.Select(c => c.Text))}" : "")
                + (reason is null && _draws > 1 ? $"; drawn {_draws} times to keep within {string.Join(", ", _constraints.Before.Select(c => c.Text))}" : "");
            return [TpeJournal.Decision(trial, run.DirectoryName, reason is null ? TpeJournal.Tpe : _search.Spec.StartupSampler, why,
                run.AxisValues.Where(a => a.Key is not (TpeSpec.TrialAxis or SeedAxis.Name)).ToDictionary(a => a.Key, a => a.Value))];
        }, out made);
        return FromProposal(trial, decisions);
    }

    IReadOnlyList<PlannedRun> FromProposal(int trial, IReadOnlyList<Decision> answer) =>
        _search.PlanRuns(trial, PointOf(_search.Spec, TpeJournal.Read(answer, trial, _journal.FilePath), _journal.FilePath));

    /// <summary>The run a journaled proposal plans, which must be the run folder it names.</summary>
    static PlannedRun PlannedFrom(TpeSearch search, Proposal proposal, string journal)
    {
        var run = search.PlanTrial(proposal.Trial, PointOf(search.Spec, proposal, journal));
        return run.DirectoryName == proposal.Run ? run
            : throw new DecisionJournalException(journal, null, $"trial {proposal.Trial}'s proposal names the run folder '{proposal.Run}', but its values plan '{run.DirectoryName}'");
    }

    /// <summary>The point of a journaled proposal, each value checked against its distribution (the journal may not be Runner's).</summary>
    static IReadOnlyList<double> PointOf(TpeSpec spec, Proposal proposal, string journal)
    {
        int trial = proposal.Trial;
        var point = spec.Space.Parameters.Select(p => proposal.Values.TryGetValue(p.Name, out var text)
            ? text == "" && p.When is not null ? double.NaN // a parameter whose branch was not taken
            : p.Distribution.TryPoint(text) ?? throw new DecisionJournalException(journal, null,
                $"trial {trial}'s proposal gives {p.Name} = '{text}', which is not {p.Distribution.Describe()} as the experiment declares (was the search space changed?)")
            : throw new DecisionJournalException(journal, null, $"trial {trial}'s proposal has no value for {p.Name} (was the search space changed?)")).ToList();
        return SpaceCondition.Consistent(spec.Space.Conditions, point) ? point
            : throw new DecisionJournalException(journal, null, $"trial {trial}'s proposal gives values to parameters of branches it did not take, or none to one it took (was the search space changed?)");
    }

    /// <summary>
    /// Whether this search can go on from a journal, which may not be Runner's (`run`, `plan` and `submit` ask,
    /// writing nothing): it was made for this search (<see cref="IdentityOf"/>), and every proposal is the
    /// next trial number, within the declared space, naming the run folder its values plan.
    /// </summary>
    public static void Check(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path)
    {
        SweepIdentity.Verify(journal, IdentityOf(experiment), path);
        foreach (var proposal in TpeJournal.Proposals(journal, path)) PlannedFrom(SearchOf(experiment), proposal, path);
        WarmStart.Check(SearchOf(experiment), journal, Path.GetDirectoryName(path)!, experiment.Runs[0].Experiment.Report.Metric);
    }

    /// <summary>What a search's decisions depend on: its random startup trials (their run folders name their
    /// resolved configs by hash), its declared space, seed, metric and warm-start folders; not the trial count, which may grow.</summary>
    public static Fingerprint IdentityOf(LoadedExperiment experiment)
    {
        var search = SearchOf(experiment);
        var report = experiment.Runs[0].Experiment.Report;
        return Fingerprint.Of(experiment.Runs.Select(r => r.DirectoryName)
            .Concat(search.Spec.Space.Distributions.Select(d => $"{d.Dimension.Name}: {d.Describe()}"))
            .Append($"seed={search.Spec.Seed} metric={report.Metric} maximize={report.Maximize}")
            // Only where present, so that the identity of a search without them stays what it was.
            .Concat(MultiObjective.Of(experiment) is { Count: > 0 } objectives ? [$"objectives={string.Join(",", objectives.Select(o => $"{o.Name}:{o.Direction}"))}"] : [])
            .Concat(experiment.Constraints.Any ? [$"constraints={string.Join(",", experiment.Constraints.All.Select(c => c.Text))}"] : [])
            .Concat(search.Spec.WarmStart.Select(f => $"warm_start: {f}"))
            .Concat(search.Spec.Race is { } race ? [string.Create(CultureInfo.InvariantCulture, $"race: first={race.First} max_seeds={race.MaxSeeds} alpha={race.Alpha:R}")] : []),
            $"search of {experiment.Name}");
    }

    /// <summary>The search an experiment's plan carries (the TPE method runs only experiments that have one).</summary>
    public static TpeSearch SearchOf(LoadedExperiment experiment) =>
        experiment.Method as TpeSearch ?? throw new ArgumentException("not a TPE search", nameof(experiment));

    /// <summary>The trials known so far without running anything (for `runner plan`): the startup ones and those journaled.</summary>
    public static IReadOnlyList<PlannedRun> Known(LoadedExperiment experiment, string folder)
    {
        var search = SearchOf(experiment);
        var trials = experiment.Runs.ToList();
        var path = Path.Combine(folder, DecisionJournal.FileName);
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(folder), path);
        foreach (var proposal in proposals) PlannedFrom(search, proposal, path); // all checked, as `run` checks them
        int startup = trials.Select(TpeSpec.TrialOf).Distinct().Count();
        foreach (var proposal in proposals.Take(search.Spec.Trials).Skip(startup))
            trials.AddRange(search.PlanRuns(proposal.Trial, PointOf(search.Spec, proposal, path)));
        return trials.DistinctBy(t => t.Hash).ToList();
    }
}
