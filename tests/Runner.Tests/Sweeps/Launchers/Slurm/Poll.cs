namespace Runner.Tests.Sweeps.Launchers.Slurm;

public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 100 ms; false if it hasn't held by the timeout.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(100);
        }
        return true;
    }
}
