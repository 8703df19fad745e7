using Runner.Threading;

namespace Runner.Tests.Threading;

/// <summary>`--jobs auto`: runs side by side for given machines, loads, models and memory.</summary>
public class JobsPolicyTests
{
    const double Plenty = 64e9;
    const long Mlp100 = 79_510, Mlp1000 = 795_010, Cnn = 3_274_634;

    static JobsChoice Choose(int cores = 2, int busy = 0, int threads = 0, int runs = 18, long parameters = Mlp100,
        double runBytes = 10e6, double available = Plenty) =>
        JobsPolicy.Choose(cores, busy, threads, runs, parameters, runBytes, available);

    [Theory]
    [InlineData(2, 0, 2)]
    [InlineData(8, 0, 8)]
    [InlineData(8, 3, 5)]   // one per free core
    [InlineData(2, 2, 1)]   // every core taken: still one
    [InlineData(1, 0, 1)]
    public void A_small_model_trains_one_run_per_free_core(int cores, int busy, int expected)
    {
        var choice = Choose(cores, busy);
        Assert.Equal(expected, choice.Jobs);
        Assert.Contains("small model (79,510 parameters)", choice.Reason);
    }

    [Theory]
    [InlineData(Mlp1000)]
    [InlineData(Cnn)]
    public void A_large_model_keeps_every_free_core_for_one_run_as_before(long parameters)
    {
        var choice = Choose(cores: 8, parameters: parameters);
        Assert.Equal(1, choice.Jobs);
        Assert.Contains("trains fastest on every free core", choice.Reason);
    }

    [Fact]
    public void Train_threads_pins_the_threads_and_the_jobs_follow()
    {
        Assert.Equal(1, Choose(cores: 2, threads: 2).Jobs);
        Assert.Equal(4, Choose(cores: 8, threads: 2).Jobs);
        Assert.StartsWith("train.threads: 2", Choose(cores: 8, threads: 2).Reason);
    }

    [Fact]
    public void Never_more_jobs_than_runs_to_train()
    {
        var choice = Choose(cores: 8, runs: 3);
        Assert.Equal(3, choice.Jobs);
        Assert.EndsWith("; 3 runs to train", choice.Reason);
        Assert.Equal(1, Choose(cores: 8, runs: 0).Jobs);
    }

    [Fact]
    public void Never_more_jobs_than_fit_in_half_the_memory()
    {
        var choice = Choose(cores: 8, runBytes: 1e9, available: 3e9);
        Assert.Equal(1, choice.Jobs);
        Assert.Contains("memory for 1 at about 953.7 MB each", choice.Reason);
        Assert.Equal(4, Choose(cores: 8, runBytes: 1e9, available: 8.5e9).Jobs);
    }

    [Fact]
    public void The_choice_reads_as_a_sentence()
    {
        Assert.Equal("2 runs side by side (a small model (79,510 parameters) trains fastest one thread per run, one run per free core; 2 cores)",
            Choose().Describe());
        Assert.StartsWith("1 run at a time (a model of 3,274,634 parameters", Choose(parameters: Cnn).Describe());
    }
}
