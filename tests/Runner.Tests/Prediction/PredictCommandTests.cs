using System.Text;
using Runner.Tests.Data;
using Runner.Files;
using SkiaSharp;

namespace Runner.Tests.Prediction;

/// <summary>`runner predict` as a real process, on files written from real test images.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PredictCommandTests(PredictFixture runs) : IClassFixture<PredictFixture>
{
    const int Count = 100;

    static string[][] ReadCsv(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    static void AssertNoStackTrace(string output) => Assert.DoesNotMatch(@"\n\s+at \S+\(", output);

    [Fact]
    public void Pngs_of_real_test_images_get_the_classes_of_the_runs_test_predictions()
    {
        var folder = runs.Files["fashion_png"];
        Directory.CreateDirectory(folder);
        var images = PredictFixture.TestImages("fashion_mnist", Count)
            .Select((grey, i) => PredictFixture.WriteImage(Path.Combine(folder, $"{i:000}.png"), grey)).ToArray();
        var csv = Path.Combine(folder, "predictions.csv");

        var (code, output) = RunnerProcess.Run(["predict", runs.Fashion, .. images, "--top", "3", "--output", csv]);

        Assert.True(code == 0, output);
        var rows = ReadCsv(csv);
        Assert.Equal(["input", "label", "inverted", "predicted", "name", "probability", "predicted_2", "name_2", "probability_2", "predicted_3", "name_3", "probability_3"], rows[0]);
        var recorded = PredictFixture.Recorded(runs.Fashion);
        var predicted = rows.Skip(1).Select(r => int.Parse(r[3])).ToArray();
        Assert.Equal(recorded, predicted);
        string[] fashion = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
        foreach (var r in rows.Skip(1))
        {
            Assert.Equal(fashion[int.Parse(r[3])], r[4]);
            Assert.Equal("false", r[2]);   // auto: Fashion-MNIST's dark borders stay as they are
            double p1 = double.Parse(r[5]), p2 = double.Parse(r[8]), p3 = double.Parse(r[11]);
            Assert.True(p1 >= p2 && p2 >= p3 && p1 <= 1 && p3 >= 0);
        }
    }

    [Fact]
    public void Invert_auto_handles_both_polarities()
    {
        var folder = runs.Files["mnist_polarity"];
        Directory.CreateDirectory(folder);
        var grey = PredictFixture.TestImages("mnist", Count);
        var light = grey.Select((g, i) => PredictFixture.WriteImage(Path.Combine(folder, $"ink{i:000}.png"), g, invert: true)).ToArray();
        var dark = grey.Select((g, i) => PredictFixture.WriteImage(Path.Combine(folder, $"mnist{i:000}.png"), g)).ToArray();
        var recorded = PredictFixture.Recorded(runs.Mnist);

        foreach (var (files, inverted) in new[] { (light, "true"), (dark, "false") })
        {
            var csv = Path.Combine(folder, $"{inverted}.csv");
            var (code, output) = RunnerProcess.Run(["predict", runs.Mnist, .. files, "--output", csv]);
            Assert.True(code == 0, output);
            var rows = ReadCsv(csv).Skip(1).ToArray();
            Assert.All(rows, r => Assert.Equal(inverted, r[2]));
            Assert.Equal(recorded, rows.Select(r => int.Parse(r[3])).ToArray());
        }

        // --invert no takes dark-on-white as it is: most of those predictions change.
        var (_, plain) = RunnerProcess.Run(["predict", runs.Mnist, .. light.Take(20), "--invert", "no"]);
        var classes = plain.Split('\n').Where(l => l.Contains(".png: ")).Select(l => int.Parse(l.Split(": ")[1].Split(' ')[0])).ToArray();
        Assert.Equal(20, classes.Length);
        Assert.True(classes.Zip(recorded).Count(p => p.First != p.Second) >= 5, plain);
    }

    [Fact]
    public void Idx_csv_and_jpeg_inputs_and_the_printed_lines()
    {
        var folder = runs.Files["formats"];
        Directory.CreateDirectory(folder);
        var grey = PredictFixture.TestImages("mnist", Count);
        var idx = Path.Combine(folder, "t10k-part-idx3-ubyte");
        var idxContent = IdxBytes.Build(0x00000803, [Count, 28, 28], grey.SelectMany(g => g).ToArray());
        File.WriteAllBytes(idx, idxContent);
        var gz = Path.Combine(folder, "t10k-part-idx3-ubyte.gz");
        IdxBytes.Write(gz, idxContent, gzip: true);
        var labels = RealDatasets.Mnist.TestLabels.narrow(0, 0, Count).data<long>().ToArray();
        var csvInput = Path.Combine(folder, "rows.csv");
        File.WriteAllText(csvInput, "label," + string.Join(",", Enumerable.Range(0, 784).Select(i => $"pixel{i}")) + "\n" +
            string.Concat(grey.Select((g, i) => labels[i] + "," + string.Join(",", g) + "\n")));
        var recorded = PredictFixture.Recorded(runs.Mnist);

        var output = Path.Combine(folder, "out.csv");
        var (code, text) = RunnerProcess.Run("predict", runs.Mnist, idx, gz, csvInput, "--output", output);
        Assert.True(code == 0, text);
        var rows = ReadCsv(output).Skip(1).ToArray();
        Assert.Equal(3 * Count, rows.Length);
        Assert.Equal(recorded.Concat(recorded).Concat(recorded), rows.Select(r => int.Parse(r[3])));
        Assert.Equal($"{idx}[7]", rows[7][0]);
        Assert.Equal(labels.Select(l => l.ToString()), rows.Skip(2 * Count).Select(r => r[1]));

        // Printed: one line per input with --top classes; a JPEG decodes too.
        var jpeg = PredictFixture.WriteImage(Path.Combine(folder, "seven.jpg"), grey[0], format: SKEncodedImageFormat.Jpeg);
        var (jpegCode, printed) = RunnerProcess.Run("predict", runs.Mnist, jpeg, "--top", "2");
        Assert.True(jpegCode == 0, printed);
        Assert.Matches(@"seven\.jpg: \d 0\.\d{4} \| \d 0\.\d{4}", printed);
    }

    [Fact]
    public void Test_option_reports_the_runs_own_test_accuracy()
    {
        var (code, output) = RunnerProcess.Run("predict", runs.Fashion, "--test");
        Assert.True(code == 0, output);
        var recorded = PredictFixture.Recorded(runs.Fashion);
        var labels = RealDatasets.FashionMnist.TestLabels.narrow(0, 0, Count).data<long>().ToArray();
        double accuracy = recorded.Zip(labels).Count(p => p.First == p.Second) / (double)Count;
        Assert.Contains($"test set: {Count} samples, accuracy {accuracy:0.0000}", output);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "notes.png", "not a PNG or JPEG image, an idx images file or a .csv file" },
        { "truncated.png", "the image data is corrupt or truncated" },
        { "small-idx3-ubyte", "idx images of 10x10, but this model takes 28x28" },
        { "narrow.csv", "3 pixel columns, but this model takes 28x28 (784 values)" },
        { "missing.png", "no such file" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_input_file_is_named_with_what_is_wrong_exit_2_and_nothing_written(string name, string message)
    {
        var folder = runs.Files["bad-" + name];
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var good = PredictFixture.WriteImage(Path.Combine(folder, "good.png"), PredictFixture.TestImages("mnist", 1)[0]);
        switch (name)
        {
            case "notes.png": File.WriteAllText(path, "not an image at all"); break;
            case "truncated.png": File.WriteAllBytes(path, File.ReadAllBytes(good)[..^40]); break;
            case "small-idx3-ubyte": File.WriteAllBytes(path, IdxBytes.Build(0x00000803, [1, 10, 10], new byte[100])); break;
            case "narrow.csv": File.WriteAllText(path, "label,a,b,c\n1,0,0,0\n"); break;
        }
        var output = Path.Combine(folder, "out.csv");

        var (code, text) = RunnerProcess.Run("predict", runs.Mnist, good, path, "--output", output);

        Assert.Equal(2, code);
        Assert.True(text.Contains($"{path}: {message}"), text);
        AssertNoStackTrace(text);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_run_without_a_model_says_which_run_and_why()
    {
        var (code, text) = RunnerProcess.Run("predict", PredictFixture.RunFolder(runs.Diverged), "--test");
        Assert.Equal(2, code);
        Assert.Matches(@"run [^:]+: diverged \(epoch 1: .*\); it has no trained model", text);
        AssertNoStackTrace(text);

        var (bestCode, best) = RunnerProcess.Run("predict", runs.Diverged, "--test");
        Assert.Equal(2, bestCode);
        Assert.Contains("no finished run has a value of val_accuracy to rank by (1 diverged)", best);

        // A run that has not ended (here: a copy of a finished run without its result.json).
        var copy = runs.Files["running/runs/seed=1-copy"];
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(PredictFixture.RunFolder(runs.Mnist)))
            if (!file.EndsWith("result.json")) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var (runningCode, running) = RunnerProcess.Run("predict", copy, "--test");
        Assert.Equal(2, runningCode);
        Assert.Contains("run seed=1-copy: has not ended (no result.json): it is still running, or was interrupted", running);
    }

    /// <summary>A damaged model.bin gave "internal error", exit 1 and no file name.</summary>
    [Fact]
    public void A_damaged_model_file_is_named_with_exit_2()
    {
        var copy = runs.Files["damaged/runs/seed=1-copy"];
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(PredictFixture.RunFolder(runs.Mnist)))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var model = Path.Combine(copy, "model.bin");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..^1000]);

        var (code, text) = RunnerProcess.Run("predict", copy, "--test");

        Assert.True(code == 2, text);
        Assert.Contains($"{model}: not weights this run's model can load", text);
        AssertNoStackTrace(text);
    }

    /// <summary>
    /// An unparsable run config.yaml was reported as `&lt;experiment file's folder&gt;/config.yaml:L:C`, a file that
    /// does not exist; predict and the report name the run's own config.yaml with the line and column.
    /// </summary>
    [Fact]
    public void An_unparsable_run_config_is_named_with_its_own_path_and_line()
    {
        var copy = runs.Files["unparsable"];
        foreach (var file in Directory.GetFiles(runs.Mnist, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/report/")))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(runs.Mnist, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var config = Path.Combine(PredictFixture.RunFolder(copy), "config.yaml");
        File.WriteAllText(config, "name: mnist_mlp\ndata: {dataset: mnist\nmodel: {}\n");

        var (code, text) = RunnerProcess.Run("predict", copy, "--test");

        Assert.True(code == 2, text);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(config)}:[23]:\d+: YAML syntax error", text);
        AssertNoStackTrace(text);

        var log = new List<string>();
        global::Runner.Reporting.ReportWriter.Write(copy, log.Add);
        Assert.Contains(log, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            $@"^report: run \S+'s config.yaml does not load \({System.Text.RegularExpressions.Regex.Escape(config)}:[23]:\d+: YAML syntax error"));
    }

    /// <summary>
    /// The result is renamed over its destination, so a FIFO, a device or a link there would become a plain
    /// file (as root, `--onnx /dev/null` replaced a system file), and the run's own model.bin would be lost.
    /// Each is refused with exit 2 and left as it was; an unwritable place is named, without --results advice.
    /// </summary>
    [Fact]
    public void Export_and_predict_refuse_destinations_a_rename_would_destroy()
    {
        var folder = runs.Files["destinations"];
        Directory.CreateDirectory(folder);
        var fifo = Path.Combine(folder, "fifo");
        System.Diagnostics.Process.Start("mkfifo", [fifo])!.WaitForExit();
        var target = Path.Combine(folder, "target.txt");
        File.WriteAllText(target, "keep me");
        var link = Path.Combine(folder, "link.onnx");
        File.CreateSymbolicLink(link, target);
        var model = Path.Combine(PredictFixture.RunFolder(runs.Mnist), "model.bin");
        var modelBytes = File.ReadAllBytes(model);
        var image = PredictFixture.WriteImage(Path.Combine(folder, "one.png"), PredictFixture.TestImages("mnist", 1)[0]);

        foreach (var (destination, message) in new[]
                 {
                     (fifo, "a device, FIFO or socket"), (link, "a symbolic link"), (model, "inside the results folder"),
                     ("", "--onnx '': give a file name"),
                 })
        {
            var (code, text) = RunnerProcess.Run("export", runs.Mnist, "--onnx", destination);
            Assert.True(code == 2, text);
            Assert.Contains(message, text);
            AssertNoStackTrace(text);
        }
        var (predictCode, predictText) = RunnerProcess.Run("predict", runs.Mnist, image, "--output", link);
        Assert.True(predictCode == 2, predictText);
        Assert.Contains("a symbolic link", predictText);

        Assert.Equal(FileType.Other, FileKind.Of(fifo));
        Assert.Equal(FileType.Symlink, FileKind.Of(link));
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Equal(modelBytes, File.ReadAllBytes(model));

        // Through a link to the model's own results folder, and into another sweep's folder (red team, after the merge).
        var results = Path.GetDirectoryName(Path.GetDirectoryName(PredictFixture.RunFolder(runs.Mnist)))!;
        var via = Path.Combine(folder, "via");
        Directory.CreateSymbolicLink(via, results);
        var other = Path.Combine(folder, "other-sweep");
        Directory.CreateDirectory(Path.Combine(other, "runs", "r"));
        File.WriteAllText(Path.Combine(other, "runs.csv"), "run_id\n");
        foreach (var destination in new[] { Path.Combine(via, "runs.csv"), Path.Combine(other, "runs.csv"), Path.Combine(other, "runs", "r", "model.bin") })
        {
            var (code, text) = RunnerProcess.Run("export", runs.Mnist, "--onnx", destination);
            Assert.True(code == 2, text);
            Assert.Contains("inside the results folder", text);
        }
        Assert.Equal("run_id\n", File.ReadAllText(Path.Combine(other, "runs.csv")));
        Assert.False(File.Exists(Path.Combine(other, "runs", "r", "model.bin")));

        var (unwritableCode, unwritable) = RunnerProcess.Run("export", runs.Mnist, "--onnx", Path.Combine(target, "model.onnx"));
        Assert.True(unwritableCode == 2, unwritable);
        Assert.Contains($"--onnx {Path.Combine(target, "model.onnx")}: can't write it", unwritable);
        Assert.DoesNotContain("--results", unwritable);
        AssertNoStackTrace(unwritable);
    }
}
