using System.Globalization;
using System.Text;

namespace Runner.Tests;

/// <summary>
/// Writes the results folder of a TPE search as the recorder does (experiment.yaml with its `tpe:` space,
/// sweep.json, runs.csv with its trial column, per-run metrics.csv): one run per trial, lr log-uniform,
/// units an integer, val_accuracy peaking near lr = 0.05 whatever the units.
/// </summary>
internal sealed class SearchResultsFixture
{
    public string Kind { get; init; } = "tpe";
    public int Trials { get; init; } = 12;

    /// <summary>sweep.json's "objectives" (a JSON object), as the recorder writes `report: {objectives: ...}`; none by default.</summary>
    public string? Objectives { get; init; }

    /// <summary>sweep.json's "constraints" (a JSON array), as the recorder writes `sweep: {constraints: [...]}`; none by default.</summary>
    public string? Constraints { get; init; }

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The accuracy a trial reaches: best at lr = 0.05, a little better with more units.</summary>
    public static double Accuracy(double lr, int units) => 0.85 - 0.04 * Math.Pow(Math.Log10(lr / 0.05), 2) + 0.0002 * units;

    public string Write(string root)
    {
        var directory = Path.Combine(root, Kind);
        Directory.CreateDirectory(Path.Combine(directory, "runs"));
        var random = new Random(3);
        File.WriteAllText(Path.Combine(directory, "experiment.yaml"),
            $"name: {Kind}\ndata: {{dataset: fashion_mnist, validation_split: 0.2}}\nsweep:\n  {Kind}: {{trials: {Trials}, seed: 1, lr: {{loguniform: [0.0001, 0.5]}}, units: {{int: [16, 256]}}}}\n");
        var runs = new StringBuilder("run_id,trial,lr,units,status,epochs,loss,accuracy,val_loss,val_accuracy,parameters,seconds,hash,directory,reason\n");
        var plan = new List<string>();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var lr = Math.Round(Math.Pow(10, -4 + random.NextDouble() * 3.7), 6);
            var units = 16 + random.Next(241);
            var id = $"trial={trial},lr={F(lr)},units={units}";
            var hash = (0x2000 + trial).ToString("x4", Inv);
            var folder = $"{id}-{hash}";
            plan.Add(folder);
            var accuracy = Accuracy(lr, units);
            Directory.CreateDirectory(Path.Combine(directory, "runs", folder));
            File.WriteAllText(Path.Combine(directory, "runs", folder, "metrics.csv"),
                $"epoch,loss,accuracy,val_loss,val_accuracy\n1,{F(1.2 - accuracy)},{F(accuracy - 0.05)},{F(1.25 - accuracy)},{F(accuracy - 0.04)}\n" +
                $"2,{F(1.1 - accuracy)},{F(accuracy)},{F(1.2 - accuracy)},{F(accuracy)}\n");
            runs.AppendLine($"\"{id}\",{trial},{F(lr)},{units},done,2,{F(1.1 - accuracy)},{F(accuracy)},{F(1.2 - accuracy)},{F(accuracy)},{units * 795},1.5,{hash},\"{folder}\",");
        }
        File.WriteAllText(Path.Combine(directory, "runs.csv"), runs.ToString());
        File.WriteAllText(Path.Combine(directory, "sweep.json"),
            $"{{\"experiment\": \"{Kind}\", \"runs\": {Trials}, \"axes\": [\"lr\", \"units\"], \"metric\": \"val_accuracy\", " +
            $"\"plan\": [{string.Join(", ", plan.Select(p => $"\"{p}\""))}]" + (Objectives is null ? "" : $", \"objectives\": {Objectives}") +
            (Constraints is null ? "" : $", \"constraints\": {Constraints}") + "}");
        return directory;
    }

    static string F(double value) => value.ToString("R", Inv);
}
