using System.Globalization;
using System.Runtime.InteropServices;

namespace Runner.Files;

/// <summary>
/// Which file a path holds and whether it was written since: device, inode, size, modification time and
/// status-change time (ctime), as Linux's statx reports them, following symbolic links. Writing to a file
/// moves its ctime, and no program can set a ctime back (touch sets only the modification time), so an
/// equal identity means the same file unchanged through the file system. Null where statx is not
/// available (not Linux) or does not give every field: then nothing can be vouched for by identity.
/// </summary>
public sealed record FileIdentity(long Device, long Inode, long Size, long ModifiedNs, long ChangedNs)
{
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (statx(AtFdCwd, path, 0, Needed, out var s) != 0 || (s.Mask & Needed) != Needed) return null;
            long device = ((long)s.DeviceMajor << 32) | s.DeviceMinor;
            return new FileIdentity(device, (long)s.Inode, (long)s.Size,
                s.ModifiedSeconds * 1_000_000_000 + s.ModifiedNanoseconds, s.ChangedSeconds * 1_000_000_000 + s.ChangedNanoseconds);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }   // a libc without statx (glibc < 2.28)
    }

    /// <summary>
    /// True when only this process's user (or root) can have written the file at <paramref name="path"/>: it is
    /// owned by the effective user and writable by neither its group nor others. Whoever can create files in a
    /// shared folder can't make one owned by someone else, so such a file's content is the user's own.
    /// </summary>
    public static bool WritableOnlyByUs(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            const uint needed = 0x01 | 0x08;   // STATX_TYPE | STATX_UID (statx's mode holds the type and the permission bits)
            const int writableByOthers = 0x10 | 0x02;   // S_IWGRP | S_IWOTH
            return statx(AtFdCwd, path, AtSymlinkNoFollow, needed, out var s) == 0 && (s.Mask & needed) == needed
                   && s.Uid == geteuid() && (s.Mode & writableByOthers) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    /// <summary>The five numbers, space-separated (the stamp files' format).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Device} {Inode} {Size} {ModifiedNs} {ChangedNs}");

    public static FileIdentity? Parse(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length != 5) return null;
        var numbers = new long[5];
        for (int i = 0; i < 5; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
        return new FileIdentity(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
    }

    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    const uint Needed = 0x40 | 0x80 | 0x100 | 0x200;   // STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE

    /// <summary>struct statx: the kernel's layout, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long ChangedSeconds;
        [FieldOffset(104)] public uint ChangedNanoseconds;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int statx(int dirfd, string path, int flags, uint mask, out Statx buffer);

    [DllImport("libc")]
    static extern uint geteuid();
}
