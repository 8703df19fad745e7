using System.Globalization;
using System.Runtime.InteropServices;

namespace Runner.Status;

/// <summary>
/// The pid of the process of this machine that holds a run's lock (an flock), read from /proc/locks
/// without touching the lock itself: a status check must never make a starting run think it is taken.
/// </summary>
public static class LockHolder
{
    public static int? Pid(string lockFile)
    {
        if (!File.Exists(lockFile) || !File.Exists("/proc/locks")) return null;
        ulong inode = Inode(lockFile);
        foreach (var line in File.ReadLines("/proc/locks"))
        {
            // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF": pid, then major:minor:inode.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] != "FLOCK" || fields.Contains("->")) continue;
            var device = fields[5].Split(':');
            if (device.Length == 3 && ulong.TryParse(device[2], CultureInfo.InvariantCulture, out var node) && node == inode
                && int.TryParse(fields[4], CultureInfo.InvariantCulture, out var pid))
                return pid;
        }
        return null;
    }

    /// <summary>st_ino, the second field of struct stat after st_dev (8 bytes each on 64-bit Linux).</summary>
    static ulong Inode(string path)
    {
        var buffer = new byte[256];
        return stat(path, buffer) == 0 ? BitConverter.ToUInt64(buffer, 8) : 0;
    }

    [DllImport("libc", SetLastError = true)] static extern int stat(string path, byte[] buffer);
}
