using Runner.Files;

namespace Runner.Data;

/// <summary>
/// The record, in a dataset's cache folder, of the files Runner has checked: for each, the identity it had
/// (<see cref="FileIdentity"/>) and the SHA-256 its content then had. A file whose identity still matches
/// was not written since, so its check stands and its content is not hashed again on every load (about
/// 0.2-1 s of a sweep's start: docs/data.md, "Checksums"). A file written in any way since (a different size,
/// modification time, ctime or inode) is hashed again. The record is only a shortcut: a missing, unreadable
/// or malformed one means every file is hashed, and a line for a different expected checksum vouches for
/// nothing. A record that someone else could have written (not owned by the user, or writable by its group or
/// others) vouches for nothing either: whoever can write it could vouch for a file they swapped. Thread-safe;
/// written atomically (readable by all, writable by the user alone), and only when something changed.
/// </summary>
internal sealed class VerificationStamps
{
    public const string FileName = ".verified";
    const long MaxBytes = 64 * 1024;   // a handful of lines; a larger file is not ours

    readonly string _path;
    readonly object _gate = new();
    readonly Dictionary<string, (FileIdentity Identity, string Sha256)> _lines = new(StringComparer.Ordinal);
    bool _changed;

    VerificationStamps(string folder) => _path = Path.Combine(folder, FileName);

    public static VerificationStamps Read(string folder)
    {
        var stamps = new VerificationStamps(folder);
        string? text = null;
        try
        {
            if (FileKind.Of(stamps._path) == FileType.Regular && FileIdentity.WritableOnlyByUs(stamps._path))
                text = BoundedRead.Text(stamps._path, MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        foreach (var line in (text ?? "").Split('\n'))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3 && FileIdentity.Parse(fields[1]) is { } identity && fields[2].Length == 64)
                stamps._lines[fields[0]] = (identity, fields[2]);
        }
        return stamps;
    }

    /// <summary>True when the file at <paramref name="path"/> is, as now seen, one verified to have <paramref name="sha256"/>.</summary>
    public bool Vouches(string path, FileIdentity? now, string sha256)
    {
        if (now is null) return false;
        lock (_gate)
            return _lines.TryGetValue(Path.GetFileName(path), out var line) && line.Identity == now && line.Sha256 == sha256;
    }

    /// <summary>
    /// How long a file must have stood unchanged before its check is recorded. The kernel stamps a change with a
    /// coarse clock (a few milliseconds; whole seconds on some file systems), so a write right after one just
    /// checked could leave the same ctime; a file changed this long ago can't be written again unnoticed.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    /// <summary>Records that the file, with this identity, was verified to have <paramref name="sha256"/> (unless it changed too recently to tell).</summary>
    public void Record(string path, FileIdentity? identity, string sha256)
    {
        if (identity is null || !IsSettled(identity)) return;
        lock (_gate)
        {
            var name = Path.GetFileName(path);
            if (_lines.TryGetValue(name, out var line) && line.Identity == identity && line.Sha256 == sha256) return;
            _lines[name] = (identity, sha256);
            _changed = true;
        }
    }

    public static bool IsSettled(FileIdentity identity) =>
        (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 - identity.ChangedNs >= Settled.Ticks * 100;

    /// <summary>Writes the record if it changed; a cache that can't be written costs a hash next time, nothing else.</summary>
    public void Save()
    {
        string text;
        lock (_gate)
        {
            if (!_changed) return;
            text = "# Files of this folder whose SHA-256 Runner verified, and their identity then (device inode size mtime ctime); delete to check again\n" +
                   string.Concat(_lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}\t{l.Value.Identity}\t{l.Value.Sha256}\n"));
            _changed = false;
        }
        const UnixFileMode readableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        try
        {
            AtomicFile.WriteVia(_path, temp =>
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, readableByAll);   // whatever the umask: see Read
                File.WriteAllText(temp, text);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
