using System.Diagnostics;
using System.Globalization;

namespace Runner.Files;

/// <summary>
/// Temporary files a killed process left behind (<see cref="AtomicFile"/>'s `.NAME.PID.GUID.tmp`, the GUID
/// as 32 hex digits; any other name is someone else's file and is left alone).
/// Only files whose writer is no longer running (and, since it may run on another node, that are over a
/// minute old) are removed, so a live writer in another process (a shard or Slurm worker sharing the
/// folder) never loses its file mid-write.
/// </summary>
public static class Leftovers
{
    static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    public static void RemoveTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var parts = Path.GetFileName(path).Split('.');
            // "", NAME..., PID, GUID, "tmp", exactly as AtomicFile names them: a user's `.notes.99999.x.tmp` is not ours.
            if (parts.Length < 5 || parts[1].Length == 0 && parts.Length == 5
                || !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                || parts[^2].Length != 32 || !Guid.TryParseExact(parts[^2], "N", out _)) continue;
            // A pid not running here may be a live writer on another node of a shared folder (Slurm workers):
            // its temporary file lives milliseconds, a killed process's stays, so only old ones are removed.
            if (IsRunning(pid) || File.GetLastWriteTimeUtc(path) > DateTime.UtcNow - MinimumAge) continue;
            try { ResultsFolderGuard.DeleteFile(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* tried again next time */ }
        }
    }

    static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
