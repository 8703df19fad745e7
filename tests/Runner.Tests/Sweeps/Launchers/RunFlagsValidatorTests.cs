using Runner.Sweeps;
using Runner.Sweeps.Launchers;

namespace Runner.Tests.Sweeps.Launchers;

/// <summary>
/// `runner run`'s flags as the launchers apply them (RunFlagsValidator and each ILauncher.Join): the options a
/// sweep gets, the notes, and the usage errors, for a fixed plan and for a race (an adaptive method).
/// </summary>
public sealed class RunFlagsValidatorTests
{
    static readonly string Grid = TestExperiments.Mlp + "\nsweep:\n  train.batch_size: [16, 32, 64]\n";
    static readonly string Race = TestExperiments.Mlp.Replace("epochs: 5", "epochs: 5\n  seed: ${seed}") +
                                  "\nsweep:\n  train.batch_size: [16, 32]\n  race: {first: 2, max_seeds: 3}\n";

    static RunFlags Flags(string jobs = "auto", string? shard = null, string? only = null, bool requeue = false, bool fresh = false) =>
        new("results", jobs, shard, only is null ? null : only.Split(' '), requeue, FailFast: true, fresh, RetryFailed: false);

    static RunLaunch Check(string yaml, RunFlags flags) => RunFlagsValidator.Check(flags, TestExperiments.Valid(yaml), "exp.yaml");

    [Fact]
    public void A_fixed_plan_takes_its_shard_and_the_jobs_given()
    {
        var launch = Check(Grid, Flags(jobs: "3", shard: "2/3"));
        Assert.Null(launch.Problem);
        Assert.Null(launch.Process);
        Assert.Equal(new SweepOptions("results", Jobs: 3, Shard: new Shard(2, 3), FailFast: true, RetryFailed: false), launch.Options);
        Assert.Empty(launch.Notes ?? []);
    }

    [Fact]
    public void Jobs_auto_is_left_for_run_to_decide_with_the_machine()
    {
        Assert.Equal(0, Check(Grid, Flags()).Options.Jobs);
    }

    [Fact]
    public void A_shard_of_an_adaptive_method_is_a_worker_and_says_so()
    {
        var launch = Check(Race, Flags(shard: "1/2"));
        Assert.Null(launch.Problem);
        Assert.True(launch.Options.Worker);
        Assert.Null(launch.Options.Shard);
        Assert.Contains("one of its workers", Assert.Single(launch.Notes!));
    }

    [Theory]
    [InlineData("0", null, null, false, false, "--jobs takes a positive number or 'auto'")]
    [InlineData("auto", "3/2", null, false, false, "--shard takes i/n")]
    [InlineData("auto", "1/2", "nothing", false, false, "doesn't combine with --shard or --fresh")]
    [InlineData("auto", null, "nothing", false, true, "doesn't combine with --shard or --fresh")]
    [InlineData("auto", null, "nothing", false, false, "has no run 'nothing'")]
    [InlineData("auto", null, "train.batch_size=16 nothing", false, false, "has no run 'nothing'")]
    [InlineData("auto", null, null, true, false, "--requeue goes with --only RUN_ID")]
    public void Flags_that_cannot_work_on_a_fixed_plan_are_refused(string jobs, string? shard, string? only, bool requeue, bool fresh, string problem)
    {
        Assert.Contains(problem, Check(Grid, Flags(jobs, shard, only, requeue, fresh)).Problem);
    }

    [Fact]
    public void Only_is_refused_for_an_adaptive_method_and_requeue_outside_a_Slurm_task()
    {
        var experiment = TestExperiments.Valid(Race);
        Assert.Contains("--only trains named runs of a fixed plan", Check(Race, Flags(only: experiment.Runs[0].Id)).Problem);
        if (Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") is null)
            Assert.Contains("works inside a Slurm array task", Check(Race, Flags(shard: "1/2", requeue: true)).Problem);
    }
}
