using System.Runtime.InteropServices;

namespace Runner.Files;

public enum FileType { Missing, Regular, Directory, Symlink, Other }

/// <summary>
/// What a path is, as lstat/stat say: .NET's FileInfo can't tell a FIFO or a device from a regular
/// file (both report Length 0 and Normal attributes), and reading either blocks or never ends.
/// </summary>
public static class FileKind
{
    /// <summary>The path itself: a symbolic link is <see cref="FileType.Symlink"/>, never followed.</summary>
    public static FileType Of(string path) => Query(path, followLinks: false);

    /// <summary>What the path leads to, following symbolic links.</summary>
    public static FileType OfTarget(string path) => Query(path, followLinks: true);

    static FileType Query(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            if (!followLinks && info.LinkTarget is not null) return FileType.Symlink;
            return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Regular : FileType.Missing;
        }
        int result = followLinks ? Stat(path, out var status) : LStat(path, out status);
        if (result != 0) return FileType.Missing;
        return (status.Mode & TypeMask) switch
        {
            RegularBits => FileType.Regular,
            DirectoryBits => FileType.Directory,
            LinkBits => FileType.Symlink,
            _ => FileType.Other,
        };
    }

    // .NET's own native shim (System.Native, present wherever .NET runs on Unix) returns a
    // platform-independent FileStatus whose second field is the mode with these PAL type bits.
    const int TypeMask = 0xF000, RegularBits = 0x8000, DirectoryBits = 0x4000, LinkBits = 0xA000;

    [StructLayout(LayoutKind.Sequential, Size = 512)]
    struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, SetLastError = true)]
    static extern int LStat(string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = true)]
    static extern int Stat(string path, out FileStatus status);
}
