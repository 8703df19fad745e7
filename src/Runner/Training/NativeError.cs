using System.Runtime.InteropServices;

namespace Runner.Training;

/// <summary>
/// libtorch's errors arrive as an ExternalException whose message is the C++ error followed by a
/// 20-frame native stack ("Exception raised from ... frame #0: ..."). Only the first line means
/// anything to a user; it goes, with what to do, into the console, sweep.log and runs.csv. Only an
/// error about the data (a label past the last layer's units, a shape that doesn't fit the model) is
/// explained as one; anything else is libtorch's own failure, and blaming the data would send the
/// user looking in the wrong place.
/// </summary>
public static class NativeError
{
    /// <summary>Phrases of libtorch's errors about a label or a shape (nll_loss, one_hot, index_select, matmul, view, conv).</summary>
    static readonly string[] DataPhrases =
    [
        "out of bounds", "index out of range", "smaller than num_classes", "shapes cannot be multiplied",
        "is invalid for input of size", "to match target batch_size", "must match the size of tensor",
        "channels, but got", "can't be greater than actual input size", "Expected input batch_size",
    ];

    public static bool IsAboutData(Exception e) =>
        DataPhrases.Any(p => FirstLine(e.Message).Contains(p, StringComparison.OrdinalIgnoreCase));

    public static string Describe(Exception e) => IsAboutData(e)
        ? $"libtorch: {FirstLine(e.Message)}. Check the data against the model: the labels must be below the " +
          "last layer's units, and the input shape must match the data (runner validate checks the rest)"
        : $"libtorch internal error: {FirstLine(e.Message)}. This is not a problem with the data or the experiment; " +
          "run the command again (finished runs are kept), and rerun with --verbose for the native stack if it repeats";

    /// <summary>A run's failure reason: a native error reduced to its first line, any other message as it is.</summary>
    public static string Reason(Exception e) => e is ExternalException ? Describe(e) : e.Message;

    static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        int trace = line.IndexOf("Exception raised from", StringComparison.Ordinal);
        line = (trace > 0 ? line[..trace] : line).Trim();
        // c10's TORCH_CHECK without a message appends a plea to report the wording; it isn't the error.
        int plea = line.IndexOf("(Could this error message be improved?", StringComparison.Ordinal);
        return (plea > 0 ? line[..plea] : line).Trim().TrimEnd('.');
    }
}
