using System.Globalization;
using System.Text;

namespace Runner.Tests;

/// <summary>
/// Writes a small but realistic results folder in the recorder's format (sweep.json, runs.csv, per-run
/// metrics.csv, config.yaml, test_predictions.csv), with seeded noise: optimizer x activation x seed
/// by default, one failed run without a folder and one pruned run cut short.
/// </summary>
internal sealed class ResultsFixture
{
    public string Name { get; init; } = "optimizers";
    public string[] Optimizers { get; init; } = ["sgd", "rmsprop", "adam"];
    public string[] Activations { get; init; } = ["sigmoid", "relu"];
    public int[] Seeds { get; init; } = [1, 2, 3];
    public int Epochs { get; init; } = 5;
    public bool Validation { get; init; } = true;
    public bool WithFailedAndPruned { get; init; } = true;
    public int TestSamples { get; init; } = 300;
    public string Dataset { get; init; } = "fashion_mnist";   // the YAML value of data.dataset in each config.yaml
    public double Shift { get; init; }   // added to every accuracy, to make a second, better sweep
    public int RandomSeed { get; init; } = 7;

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Final validation accuracy each configuration converges to.</summary>
    static double Target(string optimizer, string activation) => (optimizer, activation) switch
    {
        ("sgd", "sigmoid") => 0.80, ("sgd", "relu") => 0.84,
        ("rmsprop", "sigmoid") => 0.86, ("rmsprop", "relu") => 0.872,
        ("adam", "sigmoid") => 0.865, ("adam", "relu") => 0.876,
        _ => 0.85,
    };

    public string Write(string root)
    {
        var directory = Path.Combine(root, Name);
        Directory.CreateDirectory(Path.Combine(directory, "runs"));
        var random = new Random(RandomSeed);
        File.WriteAllText(Path.Combine(directory, "experiment.yaml"),
            $"name: {Name}\ndata: {{dataset: fashion_mnist, validation_split: 0.2}}\nsweep:\n  optimizer: [{string.Join(", ", Optimizers)}]\n  activation: [{string.Join(", ", Activations)}]\n  seed: [{string.Join(", ", Seeds)}]\n");
        var runs = new StringBuilder("run_id,optimizer,activation,seed,status,epochs,loss,accuracy,val_loss,val_accuracy,test_loss,test_accuracy,parameters,seconds,hash,directory,reason\n");
        var index = 0;
        foreach (var optimizer in Optimizers)
            foreach (var activation in Activations)
                foreach (var seed in Seeds)
                {
                    var id = $"optimizer={optimizer},activation={activation},seed={seed}";
                    var hash = (0x1000 + index).ToString("x4", Inv);
                    var folder = $"{index:000}-{optimizer}-{activation}-{seed}-{hash}";
                    index++;
                    if (WithFailedAndPruned && index == 4)
                    {
                        runs.AppendLine($"\"{id}\",{optimizer},{activation},{seed},failed,0,,,,,,,79510,0.4,{hash},{folder},\"out of memory, at epoch 1\"");
                        continue;
                    }
                    var epochs = WithFailedAndPruned && index == 8 ? 2 : Epochs;
                    var status = epochs < Epochs ? "pruned" : "done";
                    var target = Target(optimizer, activation) + Shift + Gaussian(random) * 0.003;
                    var run = Path.Combine(directory, "runs", folder);
                    Directory.CreateDirectory(run);
                    var metrics = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,train_seconds,seconds\n");
                    double acc = 0, loss = 0, valAcc = 0, valLoss = 0;
                    for (var e = 1; e <= epochs; e++)
                    {
                        valAcc = target - (target - 0.6) * Math.Exp(-0.9 * e) + Gaussian(random) * 0.002;
                        acc = valAcc + 0.004 * e + Gaussian(random) * 0.002;
                        valLoss = 1.6 * (1 - valAcc) + 0.1;
                        loss = 1.6 * (1 - acc) + 0.08;
                        var valCells = Validation ? $"{F(valLoss)},{F(valAcc)}" : ",";
                        metrics.AppendLine($"{e},{F(loss)},{F(acc)},{valCells},0.001,{F(1.5 + random.NextDouble())},{F(2 + random.NextDouble())}");
                    }
                    File.WriteAllText(Path.Combine(run, "metrics.csv"), metrics.ToString());
                    File.WriteAllText(Path.Combine(run, "config.yaml"),
                        $"name: {Name}\ndata:\n  dataset: {Dataset}\n  validation_split: {(Validation ? "0.2" : "0")}\ntrain:\n  optimizer: {optimizer}\n  seed: {seed}\nmodel:\n  layers:\n    - flatten\n    - dense: {{units: 100, activation: {activation}}}\n    - dense: {{units: 10, activation: softmax}}\n");
                    var testAcc = target - 0.01;
                    WritePredictions(Path.Combine(run, "test_predictions.csv"), testAcc, random);
                    var val = Validation ? $"{F(valLoss)},{F(valAcc)}" : ",";
                    runs.AppendLine($"\"{id}\",{optimizer},{activation},{seed},{status},{epochs},{F(loss)},{F(acc)},{val},{F(1.6 * (1 - testAcc) + 0.1)},{F(testAcc)},79510,{F(10 + random.NextDouble())},{hash},{folder},{(status == "pruned" ? "median rule at epoch 2" : "")}");
                }
        File.WriteAllText(Path.Combine(directory, "runs.csv"), runs.ToString());
        File.WriteAllText(Path.Combine(directory, "sweep.json"), $$"""
            {"experiment": "{{Name}}", "source": "experiments/{{Name}}.yaml", "started": "2025-01-02T20:00:00Z", "finished": "2025-01-02T20:03:12Z",
             "wall_seconds": 192.5, "runs": {{index}}, "jobs": 1, "machine": {"cores": 2, "os": "Debian GNU/Linux 12", "runtime": ".NET 10.0.0"},
             "packages": {"TorchSharp": "0.107.0", "ScottPlot": "5.1.59"}, "axes": ["optimizer", "activation", "seed"], "metric": "val_accuracy"}
            """);
        return directory;
    }

    void WritePredictions(string path, double accuracy, Random random)
    {
        var text = new StringBuilder("index,label,predicted\n");
        for (var i = 0; i < TestSamples; i++)
        {
            var label = random.Next(10);
            var predicted = random.NextDouble() < accuracy ? label : (label + 1 + random.Next(9)) % 10;
            text.AppendLine($"{i},{label},{predicted}");
        }
        File.WriteAllText(path, text.ToString());
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    static string F(double value) => value.ToString("R", Inv);
}
