namespace Runner.Threading;

/// <summary>The torch intra-op thread count for one run, and why; <see cref="BusyCores"/> is what others keep busy.</summary>
public readonly record struct ThreadChoice(int Threads, bool Adapts, int BusyCores, string Reason)
{
    public bool MachineBusy => BusyCores > 0;
}

/// <summary>
/// How many torch threads a run trains with. A pure function of the machine, its load and the user's
/// settings, so that it can be tested; <see cref="TorchThreads"/> applies it.
///
/// Why threads and not OpenMP's wait policy: libtorch's libgomp threads spin at the end of every
/// parallel region. When another process holds a core, a spinning thread burns the time slice its
/// partner needs, and two-thread training of MLP 784-100 fell from ~40k to 1.7k samples/s, while one
/// thread kept 35k (OMP_WAIT_POLICY=PASSIVE 36k, GOMP_SPINCOUNT=1000 22k, 10000 5k: bench/README.md).
/// One thread per free core never spins against a competitor, costs nothing when the machine is quiet
/// (the thread count is decided again then), and can change at any moment, whereas the wait policy and
/// spin count are read once, when libgomp starts, and cost 10-35 % on a quiet machine. So Runner leaves
/// those to libgomp's defaults (or the user's environment) and adapts the thread count instead.
/// </summary>
public static class ThreadingPolicy
{
    /// <summary>Others' CPU use, in cores, from which a core counts as taken (a browser tab does not).</summary>
    public const double BusyCoreThreshold = 0.5;

    /// <summary>The cores other processes keep busy: their CPU use rounded, a core from half a core on.</summary>
    public static int BusyCores(int cores, double otherCores) =>
        Math.Clamp((int)Math.Floor(otherCores + (1 - BusyCoreThreshold)), 0, cores);

    /// <param name="cores">logical CPUs this process may use</param>
    /// <param name="otherCores">CPU other processes used lately, in cores (0 .. cores)</param>
    /// <param name="jobs">runs trained side by side in this process (--jobs)</param>
    /// <param name="requested">`train.threads` (0: Runner decides)</param>
    /// <param name="userEnvironment">the variables the user started Runner with</param>
    public static ThreadChoice Choose(int cores, double otherCores, int jobs, int requested,
        IReadOnlyDictionary<string, string> userEnvironment)
    {
        cores = Math.Max(1, cores);
        jobs = Math.Max(1, jobs);
        int busy = BusyCores(cores, otherCores);
        string load = busy == 0 ? $"{cores} cores" : $"other processes keep {busy} of {cores} cores busy";
        if (requested > 0) return new(requested, false, busy, $"train.threads: {requested}; {load}");
        if (userEnvironment.TryGetValue("OMP_NUM_THREADS", out var text) && int.TryParse(text, out var fromEnv) && fromEnv > 0)
            return new(fromEnv, false, busy, $"OMP_NUM_THREADS={fromEnv}; {load}");
        int free = cores - busy;
        string share = jobs > 1 ? $", shared by {jobs} jobs" : "";
        // With every core taken a run still needs a thread: say so rather than "1 free".
        string room = free > 0 ? $"{free} free{share}" : "none free, so one thread each";
        return new(Math.Max(1, Math.Max(1, free) / jobs), true, busy, busy == 0 ? $"{load}{share}" : $"{load}: {room}");
    }
}
