namespace Runner.Files;

/// <summary>
/// An exclusive lock held by keeping a lock file open with no sharing. The OS releases it when the
/// process dies, so a killed process never leaves a stale lock behind.
/// </summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream _stream;

    FileLock(FileStream stream) => _stream = stream;

    public static FileLock Acquire(string path, TimeSpan? timeout = null) =>
        TryAcquire(path, timeout ?? TimeSpan.FromMinutes(2))
        ?? throw new IOException($"could not lock {path}: another runner process holds it");

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

    public void Dispose() => _stream.Dispose();
}
