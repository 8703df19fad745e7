namespace Runner.Sweeps;

/// <summary>
/// torch's intra-op thread count is process-wide. Runs trained side by side share the cores, so each
/// gets cores / jobs threads unless the experiment fixes `train.threads`.
/// </summary>
public static class TorchThreads
{
    public static int Configure(int jobs, int requested)
    {
        int threads = requested > 0 ? requested : Math.Max(1, Environment.ProcessorCount / Math.Max(1, jobs));
        TorchSharp.torch.set_num_threads(threads);
        return threads;
    }
}
