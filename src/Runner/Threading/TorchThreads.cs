namespace Runner.Threading;

/// <summary>
/// Applies <see cref="ThreadingPolicy"/> to a sweep's torch threads. libtorch's thread count belongs to
/// the calling thread (its OpenMP and MKL settings), so each worker sets its own: at each run's start
/// and, while the policy adapts to the load, again every <see cref="RecheckInterval"/> during training.
/// Load that arrives in the middle of an epoch costs at most that long, and a start decided on a passing
/// spike of someone else's CPU use (the decision looks at a few hundred milliseconds) is corrected as soon.
/// The interval is short because a look costs microseconds (/proc/stat and our own CPU time) and torch is
/// told only when the count changes. The count is reported when it changes, once for all workers: a
/// new wording of the same count (the load moving between 1 and 2 busy cores) is not news.
/// </summary>
public sealed class TorchThreads(int jobs, MachineLoad load, Action<string>? report = null)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The variables the user started Runner with.</summary>
    static readonly IReadOnlyDictionary<string, string> UserEnvironment = Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

    int _reported;
    [ThreadStatic] static long _nextCheck;
    [ThreadStatic] static int _requested;
    [ThreadStatic] static int _applied;

    /// <summary>The choice for the load right now, without applying it (runner plan shows it).</summary>
    public ThreadChoice Choose(int requested) =>
        ThreadingPolicy.Choose(Environment.ProcessorCount, load.OtherCores(), jobs, requested, UserEnvironment);

    /// <summary>Decides and applies the thread count of a run (`train.threads`) for the calling thread.</summary>
    public ThreadChoice Apply(int requested)
    {
        var choice = Choose(requested);
        // Told only on a change: each call goes through OpenMP, oneDNN/MKL and libtorch's own thread pool.
        if (choice.Threads != _applied) TorchSharp.torch.set_num_threads(_applied = choice.Threads);
        _requested = requested;
        _nextCheck = choice.Adapts ? Environment.TickCount64 + (long)RecheckInterval.TotalMilliseconds : long.MaxValue;
        if (Interlocked.Exchange(ref _reported, choice.Threads) != choice.Threads) report?.Invoke(Describe(choice));
        return choice;
    }

    public static string Describe(ThreadChoice choice) =>
        $"torch threads per run: {choice.Threads} ({choice.Reason}{(choice.Adapts ? "; follows the load" : "")})" +
        (!choice.Adapts && choice.MachineBusy && choice.Threads > 1
            ? "; more threads than free cores can slow training down many times (OpenMP threads spin): " +
              "leave train.threads out, or export OMP_WAIT_POLICY=PASSIVE"
            : "");

    /// <summary>Called every batch: costs a clock read, except every half second, when it looks at the load again.</summary>
    public void Recheck()
    {
        if (Environment.TickCount64 >= _nextCheck) Apply(_requested);
    }
}
