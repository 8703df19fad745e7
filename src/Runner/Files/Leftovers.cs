using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Runner.Files;

/// <summary>
/// Temporary files a killed process left behind (<see cref="AtomicFile"/>'s `.NAME.PID-HOST.GUID.tmp`, HOST
/// as 8 hex digits naming the machine and the GUID as 32; an older Runner wrote `.NAME.PID.GUID.tmp`; any
/// other name is someone else's file and is left alone).
/// A file whose writer ran on this machine and no longer runs is removed at once. One written elsewhere (a
/// shard or Slurm worker on another node sharing the folder) is removed only once it is over a minute old,
/// since its pid means nothing here: a live writer's temporary file lives milliseconds.
/// </summary>
public static class Leftovers
{
    static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <summary>This machine's tag in temporary file names: 8 hex digits of a hash of its name.</summary>
    public static string HostTag { get; } =
        Convert.ToHexStringLower(XxHash32.Hash(Encoding.UTF8.GetBytes(Environment.MachineName)));

    /// <summary>The writer part of a temporary file's name: `PID-HOST`.</summary>
    public static string WriterTag => $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{HostTag}";

    public static void RemoveTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var parts = Path.GetFileName(path).Split('.');
            // "", NAME..., PID[-HOST], GUID, "tmp", exactly as AtomicFile names them: a user's `.notes.99999.x.tmp` is not ours.
            if (parts.Length < 5 || parts[1].Length == 0 && parts.Length == 5
                || Writer(parts[^3]) is not var (pid, host)
                || parts[^2].Length != 32 || !Guid.TryParseExact(parts[^2], "N", out _)) continue;
            var written = File.GetLastWriteTimeUtc(path);
            bool abandoned = host == HostTag
                ? !IsRunningSince(pid, written)
                : !IsRunningSince(pid, written) && written < DateTime.UtcNow - MinimumAge;
            if (!abandoned) continue;
            try { ResultsFolderGuard.DeleteFile(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* tried again next time */ }
        }
    }

    /// <summary>`PID-HOST`, or a bare `PID` (host unknown), or null for anything else.</summary>
    static (int Pid, string? Host)? Writer(string text)
    {
        var fields = text.Split('-');
        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        return fields switch
        {
            [_] => (pid, null),
            [_, { Length: 8 } host] when host.All(char.IsAsciiHexDigitLower) => (pid, host),
            _ => null,
        };
    }

    /// <summary>
    /// Whether a process with this pid runs here and started before the file was last written: one started
    /// later only reuses the pid of the writer, which is gone.
    /// </summary>
    static bool IsRunningSince(int pid, DateTime writtenUtc)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= writtenUtc + TimeSpan.FromSeconds(1);
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
        catch (System.ComponentModel.Win32Exception) { return true; }   // can't tell: keep the file
    }
}
