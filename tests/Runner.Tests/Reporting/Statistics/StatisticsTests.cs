using global::Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting.Statistics;

public class StatisticsTests
{
    // R's `sleep` data set: extra hours of sleep under two drugs (Student, 1908).
    static readonly double[] SleepDrug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    static readonly double[] SleepDrug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Welch_test_matches_R_on_the_sleep_data()
    {
        // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939
        var result = WelchTest.TwoSided(SleepDrug1, SleepDrug2)!;
        Assert.Equal(-1.8608, result.T, 4);
        Assert.Equal(17.776, result.DegreesOfFreedom, 3);
        Assert.Equal(0.07939, result.PValue, 5);
    }

    [Fact]
    public void Welch_test_matches_the_textbook_example()
    {
        // Welch's t-test, Wikipedia example 1: t = -2.46, df = 24.99, p = 0.021
        double[] a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var result = WelchTest.TwoSided(a, b)!;
        Assert.Equal(-2.46, result.T, 2);
        Assert.Equal(24.99, result.DegreesOfFreedom, 2);
        Assert.Equal(0.021, result.PValue, 3);
    }

    [Fact]
    public void Welch_test_is_symmetric_in_p_and_antisymmetric_in_t()
    {
        var ab = WelchTest.TwoSided(SleepDrug1, SleepDrug2)!;
        var ba = WelchTest.TwoSided(SleepDrug2, SleepDrug1)!;
        Assert.Equal(ab.PValue, ba.PValue, 12);
        Assert.Equal(-ab.T, ba.T, 12);
    }

    [Fact]
    public void Confidence_interval_matches_R_on_the_sleep_data()
    {
        // R: t.test(sleep$extra[1:10]) -> mean 0.75, 95 percent CI -0.5297804 2.0297804
        var s = SampleSummary.Of(SleepDrug1);
        Assert.Equal(10, s.Count);
        Assert.Equal(0.75, s.Mean, 12);
        Assert.Equal(-0.5297804, s.CiLow, 6);
        Assert.Equal(2.0297804, s.CiHigh, 6);
        Assert.Equal(-1.6, s.Min);
        Assert.Equal(3.7, s.Max);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_interval_and_no_test()
    {
        var s = SampleSummary.Of([0.87]);
        Assert.Equal(1, s.Count);
        Assert.Equal(0.87, s.Mean);
        Assert.False(s.HasInterval);
        Assert.Null(WelchTest.TwoSided([0.87], [0.85, 0.86, 0.84]));
    }

    [Fact]
    public void Identical_values_give_a_zero_width_interval_and_an_exact_test()
    {
        var s = SampleSummary.Of([0.9, 0.9, 0.9]);
        Assert.Equal(0, s.CiHalfWidth);
        Assert.Equal(1, WelchTest.TwoSided([0.9, 0.9], [0.9, 0.9, 0.9])!.PValue);
        var different = WelchTest.TwoSided([0.9, 0.9], [0.8, 0.8])!;
        Assert.Equal(0, different.PValue);
        Assert.True(double.IsPositiveInfinity(different.T));
    }

    [Fact]
    public void Zero_variance_on_one_side_still_tests_against_the_other()
    {
        // One constant side: df reduces to n - 1 of the other, t = (mean difference) / its standard error.
        var result = WelchTest.TwoSided([1.0, 1.0, 1.0], [1.1, 1.2, 1.3])!;
        Assert.Equal(2, result.DegreesOfFreedom, 9);
        Assert.Equal(-0.2 / (0.1 / Math.Sqrt(3)), result.T, 9);
    }

    [Fact]
    public void Diverged_values_are_left_out()
    {
        var s = SampleSummary.Of([0.8, double.NaN, 0.9, double.PositiveInfinity]);
        Assert.Equal(2, s.Count);
        Assert.Equal(0.85, s.Mean, 12);
        Assert.Equal(SampleSummary.Empty, SampleSummary.Of([double.NaN]));
    }
}
