using System.Diagnostics;
using System.Globalization;

namespace Runner.Files;

/// <summary>
/// Temporary files a killed process left behind (<see cref="AtomicFile"/>'s `.NAME.PID.GUID.tmp`).
/// Only files whose writer is no longer running are removed, so a live writer in another process
/// (a shard sharing the folder) never loses its file mid-write.
/// </summary>
public static class Leftovers
{
    public static void RemoveTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var parts = Path.GetFileName(path).Split('.');
            // "", NAME..., PID, GUID, "tmp"
            if (parts.Length < 5 || !int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (IsRunning(pid)) continue;
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
