using System.Text.RegularExpressions;

namespace Runner.Tests.Progress;

/// <summary>Plain progress (logs, CI, nohup) of runs trained side by side: every line says which run it is about.</summary>
public class PlainProgressTests
{
    [Fact]
    public void Each_epoch_and_end_line_of_runs_trained_side_by_side_names_its_run()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$"""
            name: tagged
            data: {dataset: synthetic, train_samples: 200, test_samples: 50, image_size: 8, validation_split: 0.25}
            {{ModelYaml.Mlp(8, "${activation}", input: "[8, 8]")}}
            train: {optimizer: adam, epochs: 2, batch_size: 20, seed: 1, threads: 1}
            sweep:
              activation: [relu, sigmoid, tanh]
            """);
        h.Run(experiment, jobs: 2);

        var lines = h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // "[2/3] activation=sigmoid" pairs a tag with a run id; the run's other lines carry the tag.
        var ids = lines.Select(l => Regex.Match(l, @"^\[(\d+/3)\] (activation=\w+)")).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(3, ids.Count);
        var epochs = lines.Where(l => l.Contains(" Epoch ")).ToList();
        var ends = lines.Where(l => Regex.IsMatch(l, @" done in \d")).ToList();
        Assert.Equal(6, epochs.Count);
        Assert.Equal(3, ends.Count);
        foreach (var line in epochs.Concat(ends))
            Assert.Matches(@"^  \[[123]/3\] (Epoch [12]/2|done in)", line);
        foreach (var tag in ids.Keys)
        {
            Assert.Equal(2, epochs.Count(l => l.Contains($"[{tag}] Epoch")));
            Assert.Single(ends, l => l.Contains($"[{tag}] done"));
        }
    }
}
