using Runner.Sweeps;

namespace Runner.Tests.Sweeps;

public sealed class ShardTests
{
    [Theory]
    [InlineData("1/3", 1, 3)]
    [InlineData("3/3", 3, 3)]
    public void Parses_i_of_n(string text, int index, int count)
    {
        Assert.True(Shard.TryParse(text, out var shard));
        Assert.Equal(new Shard(index, count), shard);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void Refuses_anything_else(string text) => Assert.False(Shard.TryParse(text, out _));

    [Fact]
    public void The_shards_partition_the_plan()
    {
        var shards = Enumerable.Range(1, 3).Select(i => new Shard(i, 3)).ToList();
        for (int run = 0; run < 10; run++)
            Assert.Single(shards, s => s.Takes(run));
        Assert.Equal([1, 4, 7], Enumerable.Range(0, 10).Where(new Shard(2, 3).Takes));
    }
}
