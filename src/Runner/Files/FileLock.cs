using System.Runtime.InteropServices;
using System.Text;

namespace Runner.Files;

/// <summary>
/// An exclusive lock held by keeping a lock file open with no sharing (flock on Unix). The OS releases it
/// when the process dies, so a dead process's lock is simply taken over by the next one. While held, the
/// file records its holder (<see cref="LockOwner"/>: pid and host), so others can say who has it.
/// </summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream _stream;

    FileLock(FileStream stream)
    {
        _stream = stream;
        var owner = Encoding.UTF8.GetBytes(LockOwner.Current.Serialize());
        _stream.SetLength(0);
        _stream.Write(owner);
        _stream.Flush();
    }

    public static FileLock Acquire(string path, TimeSpan? timeout = null) =>
        TryAcquire(path, timeout ?? TimeSpan.FromMinutes(2))
        ?? throw new IOException($"could not lock {path}: another runner process holds it" +
                                 (Holder(path) is { } owner ? $" ({owner})" : ""));

    /// <summary>Null when another process holds the lock past the timeout (zero: don't wait).</summary>
    public static FileLock? TryAcquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>Whether a live process holds the lock (this one included, through another open): it can't be
    /// taken now. Unlike <see cref="Holder"/> it trusts no record, so it is right across nodes too.</summary>
    public static bool IsHeld(string path)
    {
        using var probe = TryAcquire(path, TimeSpan.Zero);
        return probe is null;
    }

    /// <summary>
    /// Who holds the lock at <paramref name="path"/>, read without disturbing it; null when it is free, or when
    /// its recorded holder is a process of this host that no longer exists. A record alone proves nothing (a
    /// planted `pid=1` names a process that lives forever), so the lock itself must be held too.
    /// </summary>
    public static LockOwner? Holder(string path) =>
        LockOwner.Parse(ReadUnlocked(path)) is { IsAlive: true } owner && IsLocked(path) ? owner : null;

    /// <summary>
    /// Whether some open of the file holds its lock, probed by opening it exclusively without writing (unlike
    /// <see cref="IsHeld"/>, which creates the file and records this process): a read-only command changes nothing.
    /// </summary>
    static bool IsLocked(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None)) return false;
        }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return true; }   // can't tell: the record stands
    }

    /// <summary>
    /// .NET takes a shared flock on every open, which a held lock refuses; reading through libc does not
    /// lock (flock is advisory), so the holder's record can be read while it holds the lock.
    /// </summary>
    static string ReadUnlocked(string path)
    {
        int fd = open(path, 0 /* O_RDONLY */);
        if (fd < 0) return "";
        try
        {
            var buffer = new byte[512];
            var n = read(fd, buffer, buffer.Length);
            return n > 0 ? Encoding.UTF8.GetString(buffer, 0, (int)n) : "";
        }
        finally { close(fd); }
    }

    public void Dispose()
    {
        try { _stream.SetLength(0); } catch (IOException) { } // released: no holder to name
        _stream.Dispose();
    }

    [DllImport("libc", SetLastError = true)] static extern int open(string path, int flags);
    [DllImport("libc", SetLastError = true)] static extern nint read(int fd, byte[] buffer, nint count);
    [DllImport("libc")] static extern int close(int fd);
}

/// <summary>The process holding a lock: its pid and host, as recorded in the lock file.</summary>
public sealed record LockOwner(int Pid, string Host)
{
    public static LockOwner Current { get; } = new(Environment.ProcessId, Environment.MachineName);

    /// <summary>A process of this host is checked; one of another host is taken at its word.</summary>
    public bool IsAlive => Host != Environment.MachineName || ProcessExists(Pid);

    public string Serialize() => $"pid={Pid} host={Host}\n";

    public static LockOwner? Parse(string text)
    {
        var fields = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        return fields.TryGetValue("pid", out var pid) && int.TryParse(pid, out var id) && fields.TryGetValue("host", out var host)
            ? new LockOwner(id, host)
            : null;
    }

    static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    public override string ToString() => $"pid {Pid}, {Host}";
}
