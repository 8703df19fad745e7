using Runner.Threading;

namespace Runner.Tests.Threading;

/// <summary>The torch thread count chosen for given machines, loads, --jobs, train.threads and user environments.</summary>
public class ThreadingPolicyTests
{
    static readonly Dictionary<string, string> NoEnv = new();

    static ThreadChoice Choose(int cores, double others, int jobs = 1, int requested = 0, Dictionary<string, string>? env = null) =>
        ThreadingPolicy.Choose(cores, others, jobs, requested, env ?? NoEnv);

    [Theory]
    [InlineData(2, 0.0, 1, 2)]     // quiet: every core
    [InlineData(2, 0.3, 1, 2)]     // a browser tab is not a busy core
    [InlineData(2, 0.6, 1, 1)]     // one competitor, even while our threads crowd it to 0.6 of a core
    [InlineData(2, 1.0, 1, 1)]     // 1 busy core
    [InlineData(2, 2.0, 1, 1)]     // 2 busy cores: never fewer than one thread
    [InlineData(2, 5.0, 1, 1)]     // more load than cores
    [InlineData(2, 0.0, 2, 1)]     // --jobs 2 share the cores
    [InlineData(8, 0.0, 1, 8)]
    [InlineData(8, 3.6, 1, 4)]     // 4 cores taken, 4 free
    [InlineData(8, 3.6, 2, 2)]     // 4 free, shared by 2 jobs
    [InlineData(8, 0.0, 3, 2)]     // 8 / 3 jobs, rounded down
    [InlineData(1, 0.0, 1, 1)]
    public void Runner_gives_each_run_one_thread_per_free_core(int cores, double others, int jobs, int expected)
    {
        var choice = Choose(cores, others, jobs);
        Assert.Equal(expected, choice.Threads);
        Assert.True(choice.Adapts);
    }

    [Fact]
    public void A_busy_machine_is_named_with_its_busy_cores()
    {
        var busy = Choose(2, 1.2);
        Assert.Equal((1, true), (busy.BusyCores, busy.MachineBusy));
        Assert.Equal("other processes keep 1 of 2 cores busy: 1 free", busy.Reason);
        var quiet = Choose(2, 0.1);
        Assert.False(quiet.MachineBusy);
        Assert.Equal("2 cores", quiet.Reason);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.5)]
    public void With_every_core_taken_the_reason_does_not_claim_a_free_one(double others)
    {
        var choice = Choose(2, others);
        Assert.Equal(1, choice.Threads);
        Assert.Equal("other processes keep 2 of 2 cores busy: none free, so one thread each", choice.Reason);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Train_threads_fixes_the_count_whatever_the_load(double others)
    {
        var choice = Choose(2, others, jobs: 2, requested: 3);
        Assert.Equal((3, false), (choice.Threads, choice.Adapts));
        Assert.StartsWith("train.threads: 3", choice.Reason);
    }

    [Fact]
    public void The_users_OMP_NUM_THREADS_wins_over_the_load()
    {
        var choice = Choose(2, 2.0, env: new() { ["OMP_NUM_THREADS"] = "2" });
        Assert.Equal((2, false), (choice.Threads, choice.Adapts));
        Assert.StartsWith("OMP_NUM_THREADS=2", choice.Reason);
    }

    [Fact]
    public void Train_threads_wins_over_OMP_NUM_THREADS()
    {
        Assert.Equal(1, Choose(2, 0, requested: 1, env: new() { ["OMP_NUM_THREADS"] = "2" }).Threads);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("4,2")]   // a nested-parallelism list is not a count Runner can use: it adapts
    public void An_unusable_OMP_NUM_THREADS_leaves_the_choice_to_the_load(string value)
    {
        var choice = Choose(2, 1.0, env: new() { ["OMP_NUM_THREADS"] = value });
        Assert.Equal((1, true), (choice.Threads, choice.Adapts));
    }

    [Fact]
    public void Fixed_threads_on_a_busy_machine_come_with_a_warning_and_the_remedy()
    {
        var text = TorchThreads.Describe(Choose(2, 1.5, requested: 2));
        Assert.Contains("can slow training down many times", text);
        Assert.Contains("OMP_WAIT_POLICY=PASSIVE", text);
        Assert.DoesNotContain("slow", TorchThreads.Describe(Choose(2, 1.5)));
        Assert.DoesNotContain("slow", TorchThreads.Describe(Choose(2, 0, requested: 2)));
    }

    [Fact]
    public void Other_load_is_the_machines_busy_time_minus_ours_per_second()
    {
        var before = new MachineLoad.Sample(BusySeconds: 100, OwnSeconds: 10, WallSeconds: 1000);
        // In 2 s the machine was busy 3.5 CPU-seconds, 1.5 of them ours: others used 1 core.
        Assert.Equal(1.0, MachineLoad.Between(before, new(103.5, 11.5, 1002)), 9);
        // Ours can exceed the machine's count by a tick (different clocks): never below zero.
        Assert.Equal(0.0, MachineLoad.Between(before, new(101, 11.2, 1002)));
        Assert.Equal(0.0, MachineLoad.Between(before, before));
    }

    [Fact]
    public void The_load_is_measured_from_the_previous_look()
    {
        var samples = new Queue<MachineLoad.Sample?>([
            new(0, 0, 0),          // when made
            new(2, 0, 1),          // 1 s later: others kept 2 cores busy
            new(2.5, 0.4, 2),      // 1 s later: others used 0.1 core
        ]);
        var load = new MachineLoad(() => samples.Dequeue());
        Assert.Equal(2.0, load.OtherCores(), 9);
        Assert.Equal(0.1, load.OtherCores(), 9);
    }

    [Fact]
    public void Without_proc_stat_the_machine_counts_as_quiet()
    {
        var load = new MachineLoad(() => null);
        Assert.Equal(0, load.OtherCores());
    }

    [Fact]
    public void This_machines_load_can_be_read()
    {
        var others = new MachineLoad().OtherCores();   // waits the minimal window on first look
        Assert.InRange(others, 0, Environment.ProcessorCount + 1);
    }
}
