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
    readonly List<PlannedRun> _trials = [];
    readonly Queue<PlannedRun> _queue = new();
    readonly Dictionary<string, RunOutcome> _ended = new();
    readonly HashSet<string> _endedHere = new();
    readonly bool _retryFailed;

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
        _sampler = _search.Spec.Sampler(_maximize, _objectives.Count > 0 ? _objectives.Select(o => o.Maximize).ToList() : null, _constraints.After.Any());

        Check(experiment, _journal.Entries, _journal.FilePath);
        SweepIdentity.Claim(_journal, IdentityOf(experiment));
        // The startup trials, then every trial proposed before (a resumed search).
        foreach (var run in experiment.Runs)
            _trials.Add(Journaled(TpeSpec.TrialOf(run), () => run, $"{_search.Spec.StartupSampler} (startup trial {TpeSpec.TrialOf(run)} of {experiment.Runs.Count})"));
        while (_trials.Count < _search.Spec.Trials && _journal.Answered(TpeJournal.Question(_trials.Count + 1)) is { } proposal)
            _trials.Add(FromProposal(_trials.Count + 1, proposal));

        var ended = new List<PlannedRun>();
        foreach (var run in _trials)
        {
            var result = folder.Run(run).ReadResult();
            if (result is not null && !RunExecution.Retries(result, retryFailed))
            {
                ended.Add(run);
                _ended[run.DirectoryName] = result;
            }
            else _queue.Enqueue(run);
        }
        AlreadyEnded = ended;
    }

    public IReadOnlyList<PlannedRun> Runs { get { lock (_gate) return _trials.ToList(); } }
    public IReadOnlyList<PlannedRun> AlreadyEnded { get; }
    public int Planned => _search.Spec.Trials;

    public PlannedRun? Next()
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var run)) return run;
            while (_trials.Count < _search.Spec.Trials)
            {
                int trial = _trials.Count + 1;
                var proposed = Journaled(trial, () => Propose(trial), null, out bool made);
                _trials.Add(proposed);
                if (made) return proposed;
                // Another worker proposed this trial first: it trains it.
            }
            return Orphan();
        }
    }

    /// <summary>A trial not ended that no live process holds: another worker's, left unfinished when it was
    /// killed (or skipped here earlier because that worker still had it). One that ended here is never
    /// offered again, so a failed retry doesn't loop.</summary>
    PlannedRun? Orphan() => _trials.FirstOrDefault(t => !_endedHere.Contains(t.DirectoryName)
        && (Outcome(t) is not { } ended || RunExecution.Retries(ended, _retryFailed))
        && !FileLock.IsHeld(_folder.Run(t).LockFile));

    /// <summary>How the trial ended, here or in another worker (read from its folder), or null.</summary>
    RunOutcome? Outcome(PlannedRun trial)
    {
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
        }
    }

    public string? Check(PlannedRun run, EpochMetrics metrics) =>
        run.Experiment.Pruning is { } pruning ? new Pruner(pruning, _folder, Runs, _journal).Check(run, metrics) : null;

    /// <summary>TPE's point for the trial from every trial so far: finished ones with their value, the rest as bad;
    /// drawn again while it breaks a constraint known before training.</summary>
    PlannedRun Propose(int trial)
    {
        var observations = _trials.Select(ObservationOf).ToList();
        if (!_constraints.Before.Any()) return _search.PlanTrial(trial, _sampler.Propose(trial - 1, observations));
        (var run, _draws) = TpeFeasibility.Propose(_search, _sampler, trial, observations, _constraints);
        return run;
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

    /// <summary>The journaled proposal of the trial, or <paramref name="plan"/>'s run journaled first (a random startup trial's
    /// with <paramref name="reason"/>, TPE's when that is null); either way the run planned from the journaled values.</summary>
    PlannedRun Journaled(int trial, Func<PlannedRun> plan, string? reason) => Journaled(trial, plan, reason, out _);

    PlannedRun Journaled(int trial, Func<PlannedRun> plan, string? reason, out bool made)
    {
        var decisions = _journal.Decide(TpeJournal.Question(trial), () =>
        {
            var run = plan();
            int finished = _ended.Values.Count(o => double.IsFinite(FinalValue.Of(o, _metric)));
            var why = reason ?? (_objectives.Count > 0
                ? $"multi-objective TPE on {string.Join(" and ", _objectives.Select(o => $"{o.Name} ({o.Direction})"))} from {_trials.Count} trials ({finished} finished, the rest counted as bad)"
                : $"TPE from {_trials.Count} trials ({finished} finished with {_metric}, the rest counted as bad)")
                + (_constraints.After.Any() ? $"; feasible first under {string.Join(", ", _constraints.After.Select(c => c.Text))}" : "")
                + (reason is null && _draws > 1 ? $"; drawn {_draws} times to keep within {string.Join(", ", _constraints.Before.Select(c => c.Text))}" : "");
            return [TpeJournal.Decision(trial, run.DirectoryName, reason is null ? TpeJournal.Tpe : _search.Spec.StartupSampler, why,
                run.AxisValues.Where(a => a.Key != TpeSpec.TrialAxis).ToDictionary(a => a.Key, a => a.Value))];
        }, out made);
        return FromProposal(trial, decisions);
    }

    PlannedRun FromProposal(int trial, IReadOnlyList<Decision> answer) =>
        _search.PlanTrial(trial, PointOf(_search.Spec, TpeJournal.Read(answer, trial, _journal.FilePath), _journal.FilePath));

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
    }

    /// <summary>What a search's decisions depend on: its random startup trials (their run folders name their
    /// resolved configs by hash), its declared space, seed and metric; not the trial count, which may grow.</summary>
    public static Fingerprint IdentityOf(LoadedExperiment experiment)
    {
        var search = SearchOf(experiment);
        var report = experiment.Runs[0].Experiment.Report;
        return Fingerprint.Of(experiment.Runs.Select(r => r.DirectoryName)
            .Concat(search.Spec.Space.Distributions.Select(d => $"{d.Dimension.Name}: {d.Describe()}"))
            .Append($"seed={search.Spec.Seed} metric={report.Metric} maximize={report.Maximize}")
            // Only where present, so that the identity of a search without them stays what it was.
            .Concat(MultiObjective.Of(experiment) is { Count: > 0 } objectives ? [$"objectives={string.Join(",", objectives.Select(o => $"{o.Name}:{o.Direction}"))}"] : [])
            .Concat(experiment.Constraints.Any ? [$"constraints={string.Join(",", experiment.Constraints.All.Select(c => c.Text))}"] : []),
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
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(folder), path).Select(p => PlannedFrom(search, p, path)).ToList(); // all checked, as `run` checks them
        trials.AddRange(proposals.Take(search.Spec.Trials).Skip(trials.Count));
        return trials;
    }
}
