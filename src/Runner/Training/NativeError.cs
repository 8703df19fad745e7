using System.Runtime.InteropServices;

namespace Runner.Training;

/// <summary>
/// libtorch's errors arrive as an ExternalException whose message is the C++ error followed by a
/// 20-frame native stack ("Exception raised from ... frame #0: ..."). Only the first line means
/// anything to a user; it goes, with what to do, into the console, sweep.log and runs.csv.
/// </summary>
public static class NativeError
{
    public static string Describe(Exception e) =>
        $"libtorch: {FirstLine(e.Message)}. Check the data against the model: the labels must be below the " +
        "last layer's units, and the input shape must match the data (runner validate checks the rest)";

    /// <summary>A run's failure reason: a native error reduced to its first line, any other message as it is.</summary>
    public static string Reason(Exception e) => e is ExternalException ? Describe(e) : e.Message;

    static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        int trace = line.IndexOf("Exception raised from", StringComparison.Ordinal);
        return (trace > 0 ? line[..trace] : line).Trim().TrimEnd('.');
    }
}
