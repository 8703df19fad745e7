using System.Runtime.InteropServices;
using Runner.Files;
using Runner.Training;

namespace Runner.Cli;

/// <summary>The exit code and one-line message for an exception that reached the command line.</summary>
public static class CliErrors
{
    public static (int Code, string Message) Describe(Exception e) => e switch
    {
        UnsafeResultsFolderException or Sweeps.Adaptive.DecisionJournalException or Sweeps.SweepInputException => (ExitCodes.ConfigError, e.Message),
        _ when RuntimeErrors.IsUserFacing(e) => (ExitCodes.RuntimeError, RuntimeErrors.Describe(e)),
        // A SocketException is an ExternalException too, but no libtorch error: its own message says what is wrong.
        System.Net.Sockets.SocketException => (ExitCodes.RuntimeError, $"{FirstLine(e.Message)}"),
        ExternalException => (ExitCodes.RuntimeError, NativeError.Describe(e)),
        OutOfMemoryException => (ExitCodes.RuntimeError,
            "out of memory. Lower the batch size, the model's size, --jobs or the data limits (train_limit), and run again"),
        // A bug, not a user mistake: say so plainly; --verbose shows the stack trace.
        _ => (ExitCodes.RuntimeError, $"internal error: {FirstLine(e.Message)} (run again with --verbose for details)"),
    };

    static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
