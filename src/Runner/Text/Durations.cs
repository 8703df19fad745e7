namespace Runner.Text;

/// <summary>
/// Durations for people, in one place: <see cref="Measured"/> for time that passed (the report's wall
/// time: to the second, tenths under a minute) and <see cref="Estimate"/> for time still to come (plan and
/// status: an estimate, so no finer than it can be; minutes once it is over an hour).
/// </summary>
public static class Durations
{
    public static string Measured(double seconds) =>
        double.IsNaN(seconds) ? "n/a"
        : TimeSpan.FromSeconds(seconds) is var t && t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m {t.Seconds:00}s"
        : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s"
        : $"{Numbers.Seconds(seconds)} s";

    public static string Estimate(double seconds) =>
        double.IsNaN(seconds) ? "?"
        : TimeSpan.FromSeconds(Math.Round(seconds)) is var t && t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes:00}m"
        : t.TotalMinutes >= 1 ? $"{t.Minutes}m {t.Seconds:00}s"
        : $"{t.Seconds}s";
}
