using Runner.Planning;

namespace Runner.Training;

/// <summary>
/// TEST ONLY. Lets the process tests kill a real runner at an exact moment that is otherwise a few
/// milliseconds wide: with RUNNER_TEST_HOLD_AFTER_CHECKPOINT=&lt;run id&gt;:&lt;epoch&gt;, the run stops right
/// after writing that epoch's checkpoint, prints one line to stderr and waits to be killed. Not for use.
/// </summary>
internal static class TestHooks
{
    public const string HoldAfterCheckpoint = "RUNNER_TEST_HOLD_AFTER_CHECKPOINT";

    static readonly string? Hold = Environment.GetEnvironmentVariable(HoldAfterCheckpoint);

    public static void AfterCheckpoint(PlannedRun run, int epoch)
    {
        if (Hold is null || Hold != $"{run.Id}:{epoch}") return;
        DiskQueue.SettleAll();   // every record written so far is on disk, as the kill that follows expects
        Console.Error.WriteLine($"test hook: holding {run.Id} after the checkpoint of epoch {epoch}");
        Thread.Sleep(Timeout.Infinite);
    }
}
