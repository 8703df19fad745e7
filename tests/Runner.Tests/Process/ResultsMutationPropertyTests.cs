using CsCheck;
using Xunit.Abstractions;

namespace Runner.Tests.Process;

/// <summary>
/// A finished results folder damaged at random (files truncated, bytes flipped, CSV columns dropped,
/// entries replaced by symlinks to a folder outside, result.json or checkpoints garbled), then
/// `runner report` and `runner run` on it: every answer is an exit code with a message, never an
/// unhandled exception or a stack trace, and nothing outside the results folder changes.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ResultsMutationPropertyTests(ITestOutputHelper output)
{
    const string Tiny = """
        name: tiny
        data: {dataset: synthetic, train_samples: 200, test_samples: 50, classes: 3, image_size: 6}
        model: {input: [6, 6], layers: [flatten, {dense: {units: 3, activation: softmax}}]}
        train: {optimizer: adam, epochs: 2, seed: ${seed}, threads: 1}
        sweep: {seed: [1, 2]}
        """;

    abstract record Mutation
    {
        public abstract void Apply(string experiment, string outside);
        protected static string Pick(string experiment, int which, bool folders = false)
        {
            var all = (folders
                    ? Directory.GetDirectories(experiment, "*", SearchOption.AllDirectories)
                    : Directory.GetFiles(experiment, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock")))
                .Order(StringComparer.Ordinal).ToArray();
            return all.Length == 0 ? experiment : all[which % all.Length];
        }
    }

    sealed record Truncate(int File, double Keep) : Mutation
    {
        public override void Apply(string experiment, string outside)
        {
            var path = Pick(experiment, File);
            if (!System.IO.File.Exists(path)) return;
            var bytes = System.IO.File.ReadAllBytes(path);
            System.IO.File.WriteAllBytes(path, bytes[..(int)(bytes.Length * Keep)]);
        }
    }

    sealed record FlipBytes(int File, int Seed, int Count) : Mutation
    {
        public override void Apply(string experiment, string outside)
        {
            var path = Pick(experiment, File);
            if (!System.IO.File.Exists(path)) return;
            var bytes = System.IO.File.ReadAllBytes(path);
            if (bytes.Length == 0) return;
            var random = new Random(Seed);
            for (int i = 0; i < Count; i++) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            System.IO.File.WriteAllBytes(path, bytes);
        }
    }

    sealed record DropColumn(int File, int Column) : Mutation
    {
        public override void Apply(string experiment, string outside)
        {
            var csvs = Directory.GetFiles(experiment, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            if (csvs.Length == 0) return;
            var path = csvs[File % csvs.Length];
            var lines = System.IO.File.ReadAllLines(path).Select(l =>
            {
                var cells = l.Split(',').ToList();
                if (cells.Count > 1) cells.RemoveAt(Column % cells.Count);
                return string.Join(",", cells);
            });
            System.IO.File.WriteAllLines(path, lines);
        }
    }

    sealed record Symlink(int Entry, bool Folder) : Mutation
    {
        public override void Apply(string experiment, string outside)
        {
            var path = Pick(experiment, Entry, Folder);
            if (path == experiment) return;
            if (Folder) Directory.Delete(path, recursive: true); else File.Delete(path);
            var target = Path.Combine(outside, Folder ? "folder" : "file.txt");
            if (Folder) Directory.CreateSymbolicLink(path, target); else File.CreateSymbolicLink(path, target);
        }
    }

    sealed record GarbleRunEnd(int Run, int Kind) : Mutation
    {
        public override void Apply(string experiment, string outside)
        {
            var runs = Directory.GetDirectories(Path.Combine(experiment, "runs")).Order(StringComparer.Ordinal).ToArray();
            if (runs.Length == 0) return;
            var run = runs[Run % runs.Length];
            var result = Path.Combine(run, "result.json");
            switch (Kind % 4)
            {
                case 0: File.WriteAllText(result, "{\"Status\": \"exploded\", \"Epochs\": 1}"); break;
                case 1: File.WriteAllText(result, "\u0000\u0001 not json"); break;
                case 2: // an interrupted run whose checkpoint folder is gone
                    File.Delete(result);
                    File.WriteAllText(Path.Combine(run, "checkpoint.json"),
                        """{"FormatVersion": 2, "Epoch": 1, "Folder": "checkpoint-1", "ShuffleState": "AAAA", "DropoutState": "AAAA", "BestValue": null, "BestEpoch": 0, "EpochsWithoutImprovement": 0}""");
                    break;
                default: // an interrupted run with a garbled checkpoint pointer
                    File.Delete(result);
                    File.WriteAllText(Path.Combine(run, "checkpoint.json"), "{{{{");
                    Directory.CreateDirectory(Path.Combine(run, "checkpoint-1"));
                    break;
            }
        }
    }

    static readonly Gen<Mutation> Mutations = Gen.OneOf<Mutation>(
        Gen.Select(Gen.Int[0, 100], Gen.Double[0, 0.95], (f, k) => (Mutation)new Truncate(f, k)),
        Gen.Select(Gen.Int[0, 100], Gen.Int, Gen.Int[1, 20], (f, s, c) => (Mutation)new FlipBytes(f, s, c)),
        Gen.Select(Gen.Int[0, 100], Gen.Int[0, 20], (f, c) => (Mutation)new DropColumn(f, c)),
        Gen.Select(Gen.Int[0, 100], Gen.Bool, (e, d) => (Mutation)new Symlink(e, d)),
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 3], (r, k) => (Mutation)new GarbleRunEnd(r, k)));

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    static string Snapshot(string folder) => string.Join("\n",
        Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p}:{File.ReadAllText(p)}:{File.GetLastWriteTimeUtc(p).Ticks}" : p));

    [Fact]
    public void Damaged_results_folders_never_crash_report_or_run_and_nothing_outside_changes()
    {
        using var baseline = new SweepFolder(Tiny) { Report = true };
        baseline.Train();

        int samples = 0;
        var answers = new Dictionary<int, int>();
        Gen.Select(Mutations.Array[1, 3], Gen.Int).Sample((mutations, _) =>
        {
            using var sample = new SweepFolder(Tiny) { Report = true };
            Copy(baseline.Results, sample.Results);
            var outside = sample["outside"];
            Directory.CreateDirectory(Path.Combine(outside, "folder"));
            File.WriteAllText(Path.Combine(outside, "file.txt"), "precious\n");
            File.WriteAllText(Path.Combine(outside, "folder", "holiday.png"), "not a chart");
            var experiment = sample.Dir;
            foreach (var m in mutations) m.Apply(experiment, outside);
            var before = Snapshot(outside);

            var report = RunnerProcess.Run("report", experiment);
            var run = sample.Run();

            samples++;
            foreach (var (exit, text) in new[] { report, run })
            {
                answers[exit] = answers.GetValueOrDefault(exit) + 1;
                var what = $"{string.Join(", ", mutations.Select(m => m.ToString()))}\n{text}";
                Assert.True(exit is 0 or 1 or 2, $"exit {exit}: {what}");
                Assert.DoesNotContain("internal error", text);
                Assert.DoesNotContain("   at ", text);
                Assert.DoesNotContain("Unhandled exception", text);
            }
            Assert.Equal(before, Snapshot(outside));
        }, iter: 10, threads: 1, seed: "0N0XIzNsQ0O2");
        output.WriteLine($"{samples} damaged folders; exit codes: {string.Join(", ", answers.Select(a => $"{a.Key}: {a.Value}"))}");
    }
}
