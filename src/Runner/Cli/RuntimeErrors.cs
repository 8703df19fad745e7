using Runner.Results;
using Runner.Data;
using Runner.Files;
using Runner.Recording;
using Runner.Training;

namespace Runner.Cli;

/// <summary>
/// Errors that come from the world, not from a bug: a missing dataset, a full disk, a folder that is
/// not writable, an incompatible checkpoint. They get a one-line message and exit code 1.
/// </summary>
public static class RuntimeErrors
{
    public static bool IsUserFacing(Exception e) =>
        e is DatasetUnavailableException or CheckpointException or Sweeps.Launchers.LauncherException or UnauthorizedAccessException or IOException
            or DamagedResultsFileException or DataFileException;

    public static string Describe(Exception e) => e switch
    {
        IOException io when DiskSpace.IsFull(io) =>
            $"the disk is full ({io.Message}). Every file written so far is complete; free some space and run the same command again to resume.",
        UnauthorizedAccessException => $"{e.Message} Choose a writable folder with --results.",
        _ => e.Message,
    };
}
