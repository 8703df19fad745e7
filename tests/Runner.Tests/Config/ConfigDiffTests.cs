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
}
