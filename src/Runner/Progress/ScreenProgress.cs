using Runner.Training;

namespace Runner.Progress;

/// <summary>Chooses how progress appears: a live display on a terminal, plain lines anywhere else.</summary>
public static class ScreenProgress
{
    public static IRunObserver Create(bool quiet) => new PlainProgress(Console.Out, quiet);
}
