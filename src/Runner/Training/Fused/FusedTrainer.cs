using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Runner.Data;
using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Models.Registries;
using Runner.Results;
using Runner.Threading;
using static TorchSharp.torch;

namespace Runner.Training.Fused;

/// <summary>
/// Trains an array of same-shape runs (<see cref="FusedLayout"/>) as one <see cref="StackedModel"/>, each
/// run exactly as it would train alone: its own initial weights, shuffle order, dropout masks and
/// optimizer, its loss the mean over its own batch (the array's loss is the sum of the runs' losses, so
/// each slice's gradient is its run's), its own metrics, validation, early stopping, pruning, checkpoints
/// and test. Runs that are at the same epoch train together; a run that ends (its epochs done, stopped
/// early, pruned or diverged) leaves the array, which goes on with the others, restacked. Runs that end
/// together are tested together (one stacked forward pass per batch) and write their final files side by
/// side, each flush to disk overlapping the others'.
/// </summary>
public sealed class FusedTrainer(ComponentRegistries registries, IRunObserver observer, TorchThreads threads)
{
    /// <summary>One run's part of an epoch.</summary>
    sealed class Slice(RunSession session, Tensor order, EpochTally tally) : IDisposable
    {
        public RunSession Session => session;
        public Tensor Order => order;
        public EpochTally Tally => tally;
        public double LossSum;
        public long Correct, Seen;

        public void Dispose()
        {
            tally.Dispose();
            order.Dispose();
        }
    }

    /// <summary>
    /// Trains the opened (and resumed) sessions, in plan order, to their ends, calling <paramref name="ended"/>
    /// as each run ends. Every session is told it trained fused, with which runs.
    /// </summary>
    public void Train(IReadOnlyList<RunSession> sessions, PreparedData data, CancellationToken cancel, Action<RunSession, RunOutcome> ended)
    {
        var ids = sessions.Select(s => s.Run.Id).ToList();
        foreach (var s in sessions) s.FusedWith = ids;
        var steps = FusedLayout.Steps(sessions[0].Run.Experiment.Model, registries);
        threads.Apply(sessions[0].Run.Experiment.Train.Threads);
        // Runs with the same activations side by side (each layer applies an activation once per such block:
        // a call forward and back), and within that the same optimizer rule (one pass over each block). Each
        // epoch then puts the runs that draw the same batches side by side, keeping this order among them.
        var open = sessions.OrderBy(ActivationSignature, StringComparer.Ordinal)
            .ThenBy(s => StackedOptimizer.OrderKey(s.Built.Optimizer), StringComparer.Ordinal).ToList();
        try { Train(sessions, open, steps, data, cancel, ended); }
        catch
        {
            // The caller records the runs left as failed and releases their locks: nothing may write after that.
            foreach (var s in sessions) s.Settle();
            throw;
        }
    }

    void Train(IReadOnlyList<RunSession> sessions, List<RunSession> open, IReadOnlyList<FusedStep> steps, PreparedData data,
        CancellationToken cancel, Action<RunSession, RunOutcome> ended)
    {
        while (true)
        {
            var done = open.Where(s => !s.WantsEpoch).ToList();
            if (done.Count > 0)
            {
                open.RemoveAll(done.Contains);
                Finish(done, steps, data, ended);
            }
            if (open.Count == 0) return;
            int epoch = open.Min(s => s.NextEpoch);
            var members = open.Where(s => s.NextEpoch == epoch).ToList();
            var clock = Stopwatch.StartNew();
            var fits = TrainEpoch(members, steps, data, epoch, cancel, (s, e) =>
            {
                open.Remove(s);
                ended(s, s.Diverged(e));
            });
            // Each run's share of the array's time, so a sweep's runs still add up to its wall time.
            double share = clock.Elapsed.TotalSeconds / members.Count;
            // In the order the runs came (the plan's): a pruner judging a run against the others that reached
            // the epoch then sees exactly what it sees when the runs train one after another.
            var fit = fits.ToDictionary(f => f.Session);
            foreach (var session in sessions.Where(fit.ContainsKey)) session.EndEpoch(fit[session].Fit, share, fit[session].Validation);
        }
    }

    /// <summary>
    /// Tests the runs that ended together in one stacked pass, then writes each one's final files on a
    /// thread of its own (mostly waiting for the disk) and reports them ended, in slice order.
    /// </summary>
    void Finish(List<RunSession> done, IReadOnlyList<FusedStep> steps, PreparedData data, Action<RunSession, RunOutcome> ended)
    {
        foreach (var s in done) s.PrepareFinal();
        using var predictions = empty(done.Count, data.TestX.shape[0], dtype: ScalarType.Int64);
        Evaluation[] tests;
        using (var model = new StackedModel(done, steps, registries))
            tests = Evaluate(model, done, data.TestX, data.TestY, data, predictions);
        var outcomes = new RunOutcome?[done.Count];
        var failures = new ExceptionDispatchInfo?[done.Count];
        Parallel.For(0, done.Count, i =>
        {
            try
            {
                using var own = predictions[i];
                outcomes[i] = done[i].Finish(tests[i], own);
            }
            catch (Exception e) { failures[i] = ExceptionDispatchInfo.Capture(e); }
        });
        for (int i = 0; i < done.Count; i++)
            if (outcomes[i] is { } outcome) ended(done[i], outcome);
        // As when the runs finished one after another: those that could were recorded, the first failure goes on.
        failures.FirstOrDefault(f => f is not null)?.Throw();
    }

    string ActivationSignature(RunSession session)
    {
        var layers = session.Run.Experiment.Model.Layers;
        return string.Join(";", layers.Select((l, i) => FusedLayout.ActivationOf(l, i, registries)?.ToString() ?? ""));
    }

    List<(RunSession Session, MetricValues Fit, Evaluation? Validation)> TrainEpoch(List<RunSession> members, IReadOnlyList<FusedStep> steps, PreparedData data,
        int epoch, CancellationToken cancel, Action<RunSession, DivergedException> diverged)
    {
        var (x, y) = (data.TrainX, data.TrainY);
        long n = x.shape[0], features = x.numel() / Math.Max(1, n);
        int batchSize = members[0].Run.Experiment.Train.BatchSize;
        var loss = members[0].Built.Loss;
        var slices = new List<Slice>();
        StackedModel? model = null;
        StackedOptimizer? optimizer = null;
        SharedBatches? batches = null;
        try
        {
            foreach (var m in members)
            {
                // Drawn from the run's own shuffle stream, on the CPU, as its own Trainer draws it.
                var train = m.Run.Experiment.Train;
                using var cpu = train.Shuffle ? randperm(n, generator: m.Built.Generators.Shuffle) : arange(n);
                var order = cpu.to(x.device).DetachFromDisposeScope();
                slices.Add(new Slice(m, order, m.Built.Metrics.StartEpoch(data.Classes, y, order)));
            }
            // Runs that draw the same order (one seed) side by side, so that their batches are gathered and multiplied once.
            slices = SharedBatches.Arrange(slices.Select(s => s.Order).ToList()).Select(i => slices[i]).ToList();
            batches = new SharedBatches(slices.Select(s => s.Order).ToList());
            (model, optimizer) = Stack(slices.Select(s => s.Session).ToList(), steps);
            bool tallies = slices.Any(s => s.Session.Built.Metrics is { Confusion: true } or { TopK.Count: > 0 });

            for (long start = 0; start < n && slices.Count > 0; start += batchSize)
            {
                cancel.ThrowIfCancellationRequested();
                List<int>? gone = null;
                using (NewDisposeScope())
                {
                    long size = Math.Min(batchSize, n - start);
                    int k = slices.Count;
                    var (xb, yb) = batches.Batch(x, y, start, size);

                    model!.ZeroGrad();
                    var logits = model.Forward(xb, batches.Sizes);
                    var perSlice = SliceLosses(logits, Targets.For(yb, data.OneHot, data.Classes), loss, k, size);
                    model.Backward(perSlice.sum());
                    optimizer!.Step();

                    var (losses, correct) = ReadOut(perSlice, logits, yb, k, size);
                    for (int i = 0; i < k; i++)
                    {
                        var s = slices[i];
                        if (!float.IsFinite(losses[i]))
                        {
                            (gone ??= []).Add(i);
                            continue;
                        }
                        s.LossSum += losses[i] * size;
                        s.Correct += correct[i];
                        if (tallies)
                            using (var output = logits[i]) s.Tally.Add(output, size);
                        s.Seen += size;
                        observer.Batch(s.Session.Run, epoch, new BatchProgress(s.Seen, n, s.LossSum / s.Seen, (double)s.Correct / s.Seen));
                    }
                    threads.Recheck();
                    if (gone is not null)
                        foreach (int i in gone)
                            diverged(slices[i].Session, new DivergedException(losses[i], slices[i].Seen / batchSize + 1));
                }
                if (gone is null) continue;
                // The diverged runs leave: the others go on in a smaller array, their weights and state untouched.
                optimizer!.Dispose();
                model.Dispose();
                batches.Dispose();
                (model, optimizer, batches) = (null, null, null);
                foreach (int i in gone) slices[i].Dispose();
                slices = slices.Where((_, i) => !gone.Contains(i)).ToList();
                if (slices.Count == 0) break;
                batches = new SharedBatches(slices.Select(s => s.Order).ToList());
                (model, optimizer) = Stack(slices.Select(s => s.Session).ToList(), steps);
            }
            var validation = slices.Count > 0 && data.ValidationX is { } vx && data.ValidationY is { } vy
                ? Evaluate(model!, slices.Select(s => s.Session).ToList(), vx, vy, data) : null;
            return slices.Select((s, i) => (s.Session, new MetricValues(s.Session.Built.Metrics.Compute(s.Tally.Read(n, s.LossSum, s.Correct))),
                validation?[i])).ToList();
        }
        finally
        {
            optimizer?.Dispose();
            model?.Dispose();
            batches?.Dispose();
            foreach (var s in slices) s.Dispose();
        }
    }

    /// <summary>
    /// Every slice's metrics over a split [N, ...] in one stacked forward pass per batch, without dropout or
    /// gradients, as each run's own <see cref="Evaluator"/> computes them (the same batches, loss and
    /// metrics); each run's time is its share of the pass. With <paramref name="predictions"/> [K, N], each
    /// slice's predicted classes go into its row.
    /// </summary>
    static Evaluation[] Evaluate(StackedModel model, IReadOnlyList<RunSession> members, Tensor x, Tensor y, PreparedData data,
        Tensor? predictions = null)
    {
        var clock = Stopwatch.StartNew();
        using var _ = no_grad();
        int k = members.Count;
        long n = x.shape[0], features = x.numel() / Math.Max(1, n);
        int batchSize = Evaluator.BatchSizeFor(members[0].Run.ModelPlan);
        var loss = members[0].Built.Loss;
        var tallies = members.Select(m => m.Built.Metrics.StartEpoch(data.Classes, y)).ToList();
        var (lossSums, correct) = (new double[k], new long[k]);
        try
        {
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                long size = Math.Min(batchSize, n - start);
                // Every slice sees the same batch: one group.
                var xb = x.narrow(0, start, size).reshape(1, size, features);
                var yb = y.narrow(0, start, size).repeat(k);
                var logits = model.Forward(xb, [k], training: false);
                var (losses, hits) = ReadOut(SliceLosses(logits, Targets.For(yb, data.OneHot, data.Classes), loss, k, size), logits, yb, k, size);
                predictions?.narrow(1, start, size).copy_(logits.argmax(2));
                for (int i = 0; i < k; i++)
                {
                    lossSums[i] += losses[i] * size;
                    correct[i] += hits[i];
                    using var output = logits[i];
                    tallies[i].Add(output, size);
                }
            }
            double share = clock.Elapsed.TotalSeconds / k;
            return members.Select((m, i) => new Evaluation(new MetricValues(m.Built.Metrics.Compute(tallies[i].Read(n, lossSums[i], correct[i]))), share)).ToArray();
        }
        finally
        {
            foreach (var tally in tallies) tally.Dispose();
        }
    }

    /// <summary>The runs as one model and its optimizer (state is stacked after the weights: it is shaped like them).</summary>
    (StackedModel, StackedOptimizer) Stack(IReadOnlyList<RunSession> members, IReadOnlyList<FusedStep> steps)
    {
        var model = new StackedModel(members, steps, registries);
        try { return (model, new StackedOptimizer(members.Select(m => m.Built.Optimizer).ToList(), model.Parameters)); }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each slice's loss and its count of correct predictions in a batch, read to the CPU in one copy
    /// (counts up to a batch's size are exact in floats).
    /// </summary>
    static (float[] Losses, long[] Correct) ReadOut(Tensor perSlice, Tensor logits, Tensor targets, int k, long size)
    {
        var correct = logits.argmax(2).eq(targets.view(k, size)).sum(1).to(perSlice.dtype);
        var both = cat([perSlice.detach(), correct]).cpu().data<float>().ToArray();
        return (both[..k], both[k..].Select(c => (long)c).ToArray());
    }

    /// <summary>
    /// Each slice's loss [K]: the mean over its batch of the fused log-softmax cross-entropy, as the run's
    /// own loss computes it, so the gradient of their sum reaches each slice as its run's would.
    /// </summary>
    static Tensor SliceLosses(Tensor logits, Tensor targets, BoundLoss loss, int k, long size)
    {
        var flat = logits.reshape(k * size, -1);
        var perSample = loss.NeedsOneHotTargets
            ? -(targets * nn.functional.log_softmax(flat, 1)).sum(1)
            : nn.functional.cross_entropy(flat, targets, reduction: nn.Reduction.None);
        return perSample.view(k, size).mean([1]);
    }
}
