using System.Globalization;

namespace Runner.Threading;

/// <summary>How many runs train side by side, and why (each then takes the free cores / jobs threads: <see cref="ThreadingPolicy"/>).</summary>
public readonly record struct JobsChoice(int Jobs, string Reason)
{
    public string Describe() => (Jobs == 1 ? "1 run at a time" : $"{Jobs} runs side by side") + $" ({Reason})";
}

/// <summary>
/// `--jobs auto`, the default: the plan of runs side by side that trains a sweep fastest on this machine.
/// A pure function of the machine, its load and the model, so that it can be tested.
///
/// Why: a small model's step is too short for libtorch to split over threads well (MLP 784-100 at batch
/// 32: one thread beats two), so two one-thread runs side by side train the README's sweep about twice
/// as fast as one two-thread run (issue 21: 31 s against 57-73 s). A large model's step splits well,
/// and two of them side by side contend for the caches and memory bandwidth, so it keeps every free
/// core for one run, as before. Runs side by side also need memory each: no more than fit in half of
/// what is available, by the model's memory estimate.
/// </summary>
public static class JobsPolicy
{
    /// <summary>Trainable parameters up to which a model counts as small (MLP 784-100 has 79,510; 784-1000 has 795,010).</summary>
    public const long SmallModelParameters = 200_000;

    /// <param name="cores">logical CPUs this process may use</param>
    /// <param name="busyCores">cores other processes keep busy (<see cref="ThreadingPolicy.BusyCores"/>)</param>
    /// <param name="requestedThreads">`train.threads` (0: Runner decides)</param>
    /// <param name="runsToTrain">runs this invocation will train</param>
    /// <param name="parameters">the largest model's parameters</param>
    /// <param name="runBytes">the largest run's memory estimate</param>
    /// <param name="availableBytes">memory available to this process</param>
    public static JobsChoice Choose(int cores, int busyCores, int requestedThreads, int runsToTrain, long parameters,
        double runBytes, double availableBytes)
    {
        int free = Math.Max(1, cores - busyCores);
        string machine = busyCores == 0 ? $"{cores} cores" : $"{free} of {cores} cores free";
        int jobs;
        string why;
        if (requestedThreads > 0)
        {
            jobs = Math.Max(1, free / requestedThreads);
            why = $"train.threads: {requestedThreads} on {machine}";
        }
        else if (parameters > SmallModelParameters)
        {
            jobs = 1;
            why = $"a model of {Count(parameters)} parameters trains fastest on every free core";
        }
        else
        {
            jobs = free;
            why = $"a small model ({Count(parameters)} parameters) trains fastest one thread per run, one run per free core; {machine}";
        }
        if (runsToTrain < jobs)
        {
            jobs = Math.Max(1, runsToTrain);
            why += $"; {runsToTrain} run{(runsToTrain == 1 ? "" : "s")} to train";
        }
        int fit = runBytes > 0 ? (int)Math.Clamp(availableBytes / 2 / runBytes, 1, int.MaxValue) : int.MaxValue;
        if (fit < jobs)
        {
            jobs = fit;
            why += $"; memory for {fit} at about {Text.Numbers.Bytes(runBytes)} each";
        }
        return new JobsChoice(jobs, why);
    }

    static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
