namespace Runner.Sweeps;

/// <summary>
/// A sweep method's input beyond the experiment file that it can't start from (a warm-start folder of another
/// experiment): the command refuses it, exit 2, with the message alone, before writing anything.
/// </summary>
public sealed class SweepInputException(string message) : Exception(message);
