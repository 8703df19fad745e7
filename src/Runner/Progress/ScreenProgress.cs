namespace Runner.Progress;

/// <summary>Chooses how progress appears: a live display on a terminal, plain lines anywhere else.</summary>
public static class ScreenProgress
{
    public static IScreen Create(bool quiet) =>
        quiet || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
            ? new PlainProgress(Console.Out, quiet)
            : new LiveProgress();
}
