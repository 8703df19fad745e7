using Runner.Text;

namespace Runner.Tests.Text;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(12.34, "12.3 s")]
    [InlineData(75, "1m 15s")]
    [InlineData(3723, "1h 02m 03s")]
    [InlineData(double.NaN, "n/a")]
    public void Time_that_passed_is_given_to_the_second(double seconds, string expected) =>
        Assert.Equal(expected, Durations.Measured(seconds));

    [Theory]
    [InlineData(12.4, "12s")]
    [InlineData(59.6, "1m 00s")]
    [InlineData(75, "1m 15s")]
    [InlineData(3723, "1h 02m")]
    [InlineData(double.NaN, "?")]
    public void Time_to_come_is_an_estimate_no_finer_than_a_minute_past_an_hour(double seconds, string expected) =>
        Assert.Equal(expected, Durations.Estimate(seconds));
}
