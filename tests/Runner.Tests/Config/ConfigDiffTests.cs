using Runner.Config;

namespace Runner.Tests.Config;

public class ConfigDiffTests
{
    [Fact]
    public void Reports_changed_values_by_dotted_path()
    {
        var lines = ConfigDiff.Lines("train: {epochs: 2, optimizer: adam}\nmodel: {input: [28, 28]}\n",
                                     "train: {epochs: 4, optimizer: adam}\nmodel: {input: [28, 28]}\n");
        Assert.Equal(["train.epochs: 2 -> 4"], lines);
    }

    /// <summary>
    /// A run's config.yaml comes from the results folder, which may be someone else's: a billion-laughs
    /// file of a few hundred bytes must meet the loader's alias budget here too, not expand in memory.
    /// </summary>
    [Fact]
    public void An_alias_bomb_in_a_config_is_not_expanded()
    {
        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 7; level++)
            bomb.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        bomb.Append("train: {epochs: 2}\n");     // 10^8 nodes once expanded

        long before = GC.GetAllocatedBytesForCurrentThread();
        var lines = ConfigDiff.Lines(bomb.ToString(), "train: {epochs: 4}\n");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
        Assert.Contains("train.epochs: (absent) -> 4", lines);
    }

    static string Run(double lr, int seed, int epochs = 2) => $"train: {{epochs: {epochs}, learning_rate: {lr}, seed: {seed}}}\n";

    /// <summary>
    /// compare showed `learning_rate: 0.001 -> 0.002` for a value each folder sweeps: with no run ids in common,
    /// the first run of one was paired with the first of the other.
    /// </summary>
    [Fact]
    public void A_value_swept_in_both_sets_is_no_difference_but_a_fixed_one_is()
    {
        var a = new[] { ("lr=0.001,seed=1", (string?)Run(0.001, 1)), ("lr=0.01,seed=1", Run(0.01, 1)), ("lr=0.001,seed=2", Run(0.001, 2)) };
        var b = new[] { ("lr=0.002,seed=1", (string?)Run(0.002, 1, epochs: 4)), ("lr=0.02,seed=1", Run(0.02, 1, epochs: 4)), ("lr=0.002,seed=2", Run(0.002, 2, epochs: 4)) };

        Assert.Equal(["train.epochs: 2 -> 4"], ConfigDiff.Between(a, b));

        // Swept in one folder only: the other's fixed value does differ from some of its runs.
        var fixedLr = new[] { ("seed=1", (string?)Run(0.005, 1)), ("seed=2", Run(0.005, 2)) };
        Assert.Contains("train.learning_rate: 0.005 -> 0.002", ConfigDiff.Between(fixedLr, b));
    }

    [Fact]
    public void A_config_that_does_not_load_is_left_out_not_shown_as_every_value_absent()
    {
        var a = new[] { ("seed=1", (string?)"train: [unclosed\n"), ("seed=2", Run(0.01, 2)) };
        var b = new[] { ("seed=1", (string?)Run(0.01, 1, epochs: 4)), ("seed=2", Run(0.01, 2, epochs: 4)) };

        Assert.Equal(["train.epochs: 2 -> 4"], ConfigDiff.Between(a, b));
    }
}
