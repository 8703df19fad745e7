namespace Runner.Status;

/// <summary>
/// Where one run of a sweep stands: <see cref="State"/> is done, pruned, failed, diverged, running,
/// queued, interrupted (started, not running now) or not started; <see cref="Where"/> says which
/// process or Slurm job has it; <see cref="EtaSeconds"/> is its time left, when it can be told.
/// </summary>
public sealed record RunState(string Directory, string State, string Where, int Epoch, int? Epochs, double? EtaSeconds)
{
    public const string Running = "running", Queued = "queued", Interrupted = "interrupted", NotStarted = "not started";

    public bool Ended => State is not (Running or Queued or Interrupted or NotStarted);
}
