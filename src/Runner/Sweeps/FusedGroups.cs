using System.Globalization;
using Runner.Config;
using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Training.Fused;
using Runner.Sweeps.Methods;

namespace Runner.Sweeps;

/// <summary>Which runs of a plan train together as fused arrays, and why each other run trains alone.</summary>
public sealed record FusedGroupPlan(IReadOnlyList<IReadOnlyList<PlannedRun>> Groups, IReadOnlyList<(PlannedRun Run, string Reason)> Alone)
{
    public static readonly FusedGroupPlan None = new([], []);

    /// <summary>The group a run belongs to, or null when it trains alone.</summary>
    public IReadOnlyList<PlannedRun>? GroupOf(PlannedRun run) =>
        Groups.FirstOrDefault(g => g.Any(r => r.DirectoryName == run.DirectoryName));

    /// <summary>What `runner plan` says: the arrays, then why the other runs train alone.</summary>
    public IEnumerable<string> Describe(string? notFused)
    {
        if (notFused is not null)
        {
            yield return $"Fused training: none ({notFused}).";
            yield break;
        }
        foreach (var (group, i) in Groups.Where(g => g.Count > 1).Select((g, i) => (g, i)))
            yield return $"Fused array {i + 1} ({group.Count} runs trained as one stacked model): {string.Join(", ", group.Select(r => r.Id))}";
        var single = Groups.Where(g => g.Count == 1).Select(g => g[0].Id).ToList();
        if (single.Count > 0)
            yield return $"On the stacked path alone (no other run to train has its shape): {string.Join(", ", single)}";
        foreach (var reasons in Alone.GroupBy(a => a.Reason))
            yield return $"Trained alone, {reasons.Key}: {string.Join(", ", reasons.Select(a => a.Run.Id))}";
    }
}

/// <summary>
/// Plans fused arrays (see <see cref="FusedLayout"/>): pending runs of the same shape with train.fuse auto
/// stack where stacking pays on this hardware. It pays for dense stacks whose step is small (a CPU runs
/// one large batched multiply faster than many tiny ones: MLP 784-100 at batch 32 trains about 1.3-1.4x
/// faster fused), not for large steps (MLP 784-1000 at batch 100 gained nothing), and an array is kept
/// under 32 MB per stacked weight (past glibc's mmap threshold every step page-faults). With --jobs N the
/// runs of a shape are split into up to N arrays, so each worker trains one, keeping runs with one seed
/// together (see <see cref="Training.Fused.SharedBatches"/>). A run that can fuse always
/// trains on the stacked path, in an array of one if need be: its numbers then depend only on its own
/// config, never on which runs share its array (a shard, a Slurm task, a run another process holds).
/// </summary>
public static class FusedGroups
{
    /// <summary>The largest stacked weight tensor an array may hold.</summary>
    public const long MaxStackBytes = 32L << 20;

    /// <summary>One run's multiply-adds per step (batch x weights) above which fusing gains nothing measurable.</summary>
    public const long MaxStepMultiplies = 16_000_000;

    /// <summary>
    /// What `runner plan` says about fusing: the arrays `runner run` would train, or why it trains every
    /// run alone (races, searches).
    /// </summary>
    public static IEnumerable<string> Describe(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries)
    {
        string? notFused = SweepMethods.Of(experiment).NotFused;
        var pending = notFused is null ? options.Selection.Split(experiment, folder, options.RetryFailed).Pending : [];
        foreach (var line in Plan(pending, registries, options.Jobs).Describe(notFused)) yield return line;
        if (notFused is null) yield return "(with `runner run`, on its --jobs threads; `runner submit` gives each array, and each run alone, a Slurm array task of its own, " +
                                           "with up to --max-parallel arrays of one shape: `runner submit --dry-run` lists its tasks)";
    }

    /// <summary>
    /// What `runner run` says before it trains: how many arrays, of how many runs each, so that "1 run at a
    /// time" from --jobs is not read as one run at a time when an array trains many; null when nothing fuses.
    /// </summary>
    public static string? Summary(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries)
    {
        if (SweepMethods.Of(experiment).NotFused is not null) return null;
        var plan = Plan(options.Selection.Split(experiment, folder, options.RetryFailed).Pending, registries, options.Jobs);
        var arrays = plan.Groups.Where(g => g.Count > 1).ToList();
        if (arrays.Count == 0) return null;
        var sizes = string.Join(" + ", arrays.Select(g => g.Count.ToString(CultureInfo.InvariantCulture)));
        return $"Fused training: {arrays.Sum(g => g.Count)} runs in {arrays.Count} {(arrays.Count == 1 ? "array" : "arrays")} ({sizes}), " +
               $"each array trained as one stacked model by one worker; {plan.Alone.Count + plan.Groups.Count(g => g.Count == 1)} runs train alone (`runner plan` lists them)";
    }

    public static FusedGroupPlan Plan(IReadOnlyList<PlannedRun> pending, ComponentRegistries registries, int jobs)
    {
        var groups = new List<IReadOnlyList<PlannedRun>>();
        var alone = new List<(PlannedRun, string)>();
        var buckets = new Dictionary<string, List<PlannedRun>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var run in pending)
        {
            if (WhyAlone(run, registries) is { } reason)
            {
                alone.Add((run, reason));
                continue;
            }
            var key = FusedLayout.ShapeKey(run.Experiment, registries);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                buckets[key] = bucket = [];
                order.Add(key);
            }
            bucket.Add(run);
        }
        var planned = pending.Select((run, i) => (run.DirectoryName, i)).ToDictionary(p => p.DirectoryName, p => p.i);
        // Split with runs of one seed next to each other, so that they stay together: they draw the same
        // batches, which an array gathers and multiplies once for all of them. Each array in plan order.
        foreach (var bucket in order.Select(k => buckets[k].OrderBy(r => r.Experiment.Train.Seed).ToList()))
        {
            int most = (int)Math.Max(2, MaxStackBytes / Math.Max(1, LargestWeightBytes(bucket[0])));
            int count = Math.Max((bucket.Count + most - 1) / most, Math.Max(1, Math.Min(jobs, bucket.Count / 2)));
            for (int g = 0; g < count; g++)
            {
                int from = bucket.Count * g / count, to = bucket.Count * (g + 1) / count;
                groups.Add(bucket.GetRange(from, to - from).OrderBy(r => planned[r.DirectoryName]).ToList());
            }
        }
        return new FusedGroupPlan(groups, alone);
    }

    static string? WhyAlone(PlannedRun run, ComponentRegistries registries)
    {
        var experiment = run.Experiment;
        if (experiment.Train.Fuse == TrainSpec.FuseOff) return "train.fuse is off";
        if (FusedLayout.WhyNot(experiment, registries) is { } reason) return reason;
        long weights = run.ModelPlan.TotalParameters;
        long multiplies = weights * experiment.Train.BatchSize;
        if (multiplies > MaxStepMultiplies)
            return $"its step is large ({(multiplies / 1e6).ToString("0", CultureInfo.InvariantCulture)}M multiply-adds; fusing gains only on small steps)";
        if (LargestWeightBytes(run) * 2 > MaxStackBytes) return "two of its stacked weights would exceed 32 MB";
        return null;
    }

    static long LargestWeightBytes(PlannedRun run) => run.ModelPlan.Layers.Max(l => l.Parameters) * sizeof(float);
}
