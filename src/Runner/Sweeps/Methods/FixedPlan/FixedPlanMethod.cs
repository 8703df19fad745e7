using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;

namespace Runner.Sweeps.Methods.FixedPlan;

/// <summary>
/// The sweep written out in the experiment file (grid, zip, random, repeats): every run is known before the
/// first starts, so `--shard` and `--only` split it, runs of one shape may train as fused arrays, and `submit`
/// gives each array (or lone run) its own array task. What a sweep without a method's section is.
/// </summary>
public sealed class FixedPlanMethod : ISweepMethod
{
    public ISweepSection? Section => null;
    public bool Runs(ISweepMethodSpec? spec) => spec is null;
    public string Noun => "sweep";

    public ISweeper Sweeper(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries) =>
        new FixedPlanSweeper(experiment, folder, options.Selection, options.RetryFailed, pending => FusedGroups.Plan(pending, registries, options.Jobs));

    public string? Resumed(ISweeper sweeper)
    {
        var plan = (FixedPlanSweeper)sweeper;
        int skipped = plan.AlreadyEnded.Count;
        if (skipped == 0 && plan.Retried == 0) return null;
        return $"{skipped} of {skipped + plan.PendingCount} runs already ended; {plan.PendingCount} to go" +
               (plan.Retried > 0 ? $", of which {plan.Retried} failed before and will be retried (--no-retry keeps them failed)" : "");
    }
}
