namespace Runner.Files;

/// <summary>Recognises "no space left on device", which stops a sweep rather than failing one run.</summary>
public static class DiskSpace
{
    const int NoSpaceLeft = 28; // ENOSPC

    public static bool IsFull(Exception e) =>
        e is IOException io && ((io.HResult & 0xFFFF) == NoSpaceLeft || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase));
}
