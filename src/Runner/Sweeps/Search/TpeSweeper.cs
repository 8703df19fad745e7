using Runner.Files;
using System.Globalization;
using Runner.Planning;
using Runner.Recording;
using Runner.Results;
using Runner.Sweeps.Adaptive;
using Runner.Training;

namespace Runner.Sweeps.Search;

/// <summary>
/// Runs a `tpe:` search: its startup trials (random, planned in advance), then one trial at a time
/// proposed by <see cref="TpeSampler"/> from the trials so far, as a launcher thread asks for work.
/// Finished trials count with their final report.metric; pruned, diverged and failed ones count as bad,
/// and trials still in progress (here, on another thread) as bad too, the constant liar, so parallel
/// workers spread out. Each proposal ("propose trial N") is journaled with its axis values before the
/// trial starts; a resumed search plans the journaled trials again, finishes them and proposes on, so
/// with --jobs 1 it makes exactly the proposals an uninterrupted search makes.
/// Several processes (--shard workers, the tasks of `runner submit`) share the search through the
/// journal: a trial number another worker proposed first is that worker's to train, so this one moves
/// on to the next number; a trial that no worker finished (its worker was killed) is trained by the
/// first worker left with nothing else to do.
/// </summary>
public sealed class TpeSweeper : ISweeper
{
    const string ProposePrefix = "propose trial ", StartupReason = "random (startup trial ";

    readonly TpeSearch _search;
    readonly ExperimentFolder _folder;
    readonly DecisionJournal _journal;
    readonly TpeSampler _sampler;
    readonly string _metric;
    readonly bool _maximize;
    readonly object _gate = new();
    readonly List<PlannedRun> _trials = [];
    readonly Queue<PlannedRun> _queue = new();
    readonly Dictionary<string, RunOutcome> _ended = new();
    readonly HashSet<string> _endedHere = new();
    readonly bool _retryFailed;

    public TpeSweeper(LoadedExperiment experiment, ExperimentFolder folder, bool retryFailed = true)
    {
        _retryFailed = retryFailed;
        _search = experiment.Tpe ?? throw new ArgumentException("not a TPE search", nameof(experiment));
        _folder = folder;
        _journal = DecisionJournal.Open(folder.Path);
        var report = experiment.Runs[0].Experiment.Report;
        (_metric, _maximize) = (report.Metric, report.Maximize);
        _sampler = _search.Spec.Sampler(_maximize);

        Check(experiment, _journal.Entries, _journal.FilePath);
        SweepIdentity.Claim(_journal, IdentityOf(experiment));
        // The startup trials, then every trial proposed before (a resumed search).
        foreach (var run in experiment.Runs)
            _trials.Add(Journaled(TpeSpec.TrialOf(run), () => run, $"{StartupReason}{TpeSpec.TrialOf(run)} of {experiment.Runs.Count})"));
        while (_trials.Count < _search.Spec.Trials && _journal.Answered(ProposalQuestion(_trials.Count + 1)) is { } proposal)
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

    /// <summary>TPE's point for the trial from every trial so far: finished ones with their value, the rest as bad.</summary>
    PlannedRun Propose(int trial)
    {
        var observations = _trials.Select(t => new Observation(_search.Spec.Point(t),
            Outcome(t) is { } outcome && FinalValue.Of(outcome, _metric) is var v && double.IsFinite(v) ? v : null)).ToList();
        return _search.PlanTrial(trial, _sampler.Propose(trial - 1, observations));
    }

    /// <summary>The journaled proposal of the trial, or <paramref name="plan"/>'s run journaled first; either way the run planned from the journaled values.</summary>
    PlannedRun Journaled(int trial, Func<PlannedRun> plan, string? reason) => Journaled(trial, plan, reason, out _);

    PlannedRun Journaled(int trial, Func<PlannedRun> plan, string? reason, out bool made)
    {
        var decisions = _journal.Decide(ProposalQuestion(trial), () =>
        {
            var run = plan();
            int finished = _ended.Values.Count(o => double.IsFinite(FinalValue.Of(o, _metric)));
            var why = reason ?? $"TPE from {_trials.Count} trials ({finished} finished with {_metric}, the rest counted as bad)";
            return [new Decision(Decision.Propose, run.DirectoryName, why,
                Parameters: run.AxisValues.Where(a => a.Key != TpeSpec.TrialAxis).ToDictionary(a => a.Key, a => a.Value))];
        }, out made);
        return FromProposal(trial, decisions);
    }

    PlannedRun FromProposal(int trial, IReadOnlyList<Decision> proposal) =>
        _search.PlanTrial(trial, PointOf(_search.Spec, trial, ProposalIn(proposal, trial, _journal.FilePath), _journal.FilePath));

    /// <summary>The one proposal of an answer, with its axis values and a run folder name (a plain name: status reads that folder).</summary>
    static Decision ProposalIn(IReadOnlyList<Decision> answer, int trial, string journal) =>
        answer.Count(d => d.Kind == Decision.Propose) == 1 && answer.Single(d => d.Kind == Decision.Propose) is { Parameters: not null } proposal
        && proposal.Subject == Path.GetFileName(proposal.Subject) && !proposal.Subject.StartsWith('.') && proposal.Subject.Length > 0
            ? proposal
            : throw new DecisionJournalException(journal, null, $"the answer to 'propose trial {trial}' is not one proposal of a run folder with its axis values");

    /// <summary>The run a journaled proposal plans, which must be the run folder it names.</summary>
    static PlannedRun PlannedFrom(TpeSearch search, int trial, Decision proposal, string journal)
    {
        var run = search.PlanTrial(trial, PointOf(search.Spec, trial, proposal, journal));
        return run.DirectoryName == proposal.Subject ? run
            : throw new DecisionJournalException(journal, null, $"trial {trial}'s proposal names the run folder '{proposal.Subject}', but its values plan '{run.DirectoryName}'");
    }

    /// <summary>The point of a journaled proposal, each value checked against its distribution (the journal may not be Runner's).</summary>
    static IReadOnlyList<double> PointOf(TpeSpec spec, int trial, Decision proposal, string journal) =>
        spec.Distributions.Select(d => proposal.Parameters!.TryGetValue(d.Dimension.Name, out var text)
            ? d.TryPoint(text) ?? throw new DecisionJournalException(journal, null,
                $"trial {trial}'s proposal gives {d.Dimension.Name} = '{text}', which is not {d.Describe()} as the experiment declares (was the search space changed?)")
            : throw new DecisionJournalException(journal, null, $"trial {trial}'s proposal has no value for {d.Dimension.Name} (was the search space changed?)")).ToList();

    /// <summary>
    /// Whether this search can go on from a journal, which may not be Runner's (`run`, `plan` and `submit` ask,
    /// writing nothing): it was made for this search (<see cref="IdentityOf"/>), and every proposal is the
    /// next trial number, within the declared space, naming the run folder its values plan.
    /// </summary>
    public static void Check(LoadedExperiment experiment, IReadOnlyList<JournalEntry> journal, string path)
    {
        SweepIdentity.Verify(journal, IdentityOf(experiment), path);
        foreach (var (trial, proposal) in Proposals(journal, path)) PlannedFrom(experiment.Tpe!, trial, proposal, path);
    }

    /// <summary>What a search's decisions depend on: its random startup trials (their run folders name their
    /// resolved configs by hash), its declared space, seed and metric; not the trial count, which may grow.</summary>
    public static Fingerprint IdentityOf(LoadedExperiment experiment)
    {
        var search = experiment.Tpe!;
        var report = experiment.Runs[0].Experiment.Report;
        return Fingerprint.Of(experiment.Runs.Select(r => r.DirectoryName)
            .Concat(search.Spec.Distributions.Select(d => $"{d.Dimension.Name}: {d.Describe()}"))
            .Append($"seed={search.Spec.Seed} metric={report.Metric} maximize={report.Maximize}"), $"search of {experiment.Name}");
    }

    public static string ProposalQuestion(int trial) => ProposePrefix + trial.ToString(CultureInfo.InvariantCulture);

    /// <summary>The proposals in a journal: trial number, run directory, reason.</summary>
    /// <summary>The proposals in a journal, trial 1, 2, ... in order (the first answer to each question, as the
    /// journal keeps it); a number that is not the next one, or not written as Runner writes it, is refused.</summary>
    public static IReadOnlyList<(int Trial, Decision Proposal)> Proposals(IReadOnlyList<JournalEntry> journal, string path = DecisionJournal.FileName)
    {
        var proposals = new List<(int, Decision)>();
        foreach (var entry in journal.Where(e => e.Question.StartsWith(ProposePrefix, StringComparison.Ordinal)).DistinctBy(e => e.Question))
        {
            int next = proposals.Count + 1;
            if (entry.Question != ProposalQuestion(next))
                throw new DecisionJournalException(path, null, $"'{entry.Question}' is not the next proposal (expected '{ProposalQuestion(next)}')");
            proposals.Add((next, ProposalIn(entry.Decisions, next, path)));
        }
        return proposals;
    }

    /// <summary>Whether a proposal was a random startup trial (else TPE's).</summary>
    public static bool IsStartup(Decision proposal) => proposal.Reason.StartsWith(StartupReason, StringComparison.Ordinal);

    /// <summary>The trials known so far without running anything (for `runner plan`): the startup ones and those journaled.</summary>
    public static IReadOnlyList<PlannedRun> Known(LoadedExperiment experiment, string folder)
    {
        var search = experiment.Tpe!;
        var trials = experiment.Runs.ToList();
        var path = Path.Combine(folder, DecisionJournal.FileName);
        var proposals = Proposals(DecisionJournal.Read(folder), path).Select(p => PlannedFrom(search, p.Trial, p.Proposal, path)).ToList(); // all checked, as `run` checks them
        trials.AddRange(proposals.Take(search.Spec.Trials).Skip(trials.Count));
        return trials;
    }
}
