namespace Runner.Threading;

/// <summary>
/// Applies <see cref="ThreadingPolicy"/> to a sweep's torch threads. libtorch's thread count belongs to
/// the calling thread (its OpenMP and MKL settings), so each worker sets its own: at each run's start
/// and, while the policy adapts to the load, again every <see cref="RecheckInterval"/> during training.
/// Load that arrives in the middle of an epoch costs at most that long. A change is reported once.
/// </summary>
public sealed class TorchThreads(int jobs, MachineLoad load, Action<string>? report = null)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>The variables the user started Runner with.</summary>
    static readonly IReadOnlyDictionary<string, string> UserEnvironment = Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

    string? _reported;
    [ThreadStatic] static long _nextCheck;
    [ThreadStatic] static int _requested;

    /// <summary>The choice for the load right now, without applying it (runner plan shows it).</summary>
    public ThreadChoice Choose(int requested) =>
        ThreadingPolicy.Choose(Environment.ProcessorCount, load.OtherCores(), jobs, requested, UserEnvironment);

    /// <summary>Decides and applies the thread count of a run (`train.threads`) for the calling thread.</summary>
    public ThreadChoice Apply(int requested)
    {
        var choice = Choose(requested);
        TorchSharp.torch.set_num_threads(choice.Threads);
        _requested = requested;
        _nextCheck = choice.Adapts ? Environment.TickCount64 + (long)RecheckInterval.TotalMilliseconds : long.MaxValue;
        var text = Describe(choice);
        if (Interlocked.Exchange(ref _reported, text) != text) report?.Invoke(text);
        return choice;
    }

    public static string Describe(ThreadChoice choice) =>
        $"torch threads per run: {choice.Threads} ({choice.Reason}{(choice.Adapts ? "; follows the load" : "")})" +
        (!choice.Adapts && choice.MachineBusy && choice.Threads > 1
            ? "; more threads than free cores can slow training down many times (OpenMP threads spin): " +
              "leave train.threads out, or export OMP_WAIT_POLICY=PASSIVE"
            : "");

    /// <summary>Called every batch: costs a clock read, except every few seconds, when it looks at the load again.</summary>
    public void Recheck()
    {
        if (Environment.TickCount64 >= _nextCheck) Apply(_requested);
    }
}
