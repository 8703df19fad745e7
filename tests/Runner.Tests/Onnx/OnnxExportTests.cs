using Runner.Results;
using Runner.Models;
using Runner.Onnx;
using Runner.Prediction;
using Runner.Reporting.Results;
using Xunit.Abstractions;

namespace Runner.Tests.Onnx;

/// <summary>
/// Exported models run in the real ONNX Runtime and give what TorchSharp gives, within 1e-5, on real
/// test images: every reproduction model of experiments/ (briefly trained: 3 epochs of 1,000 samples, the first run of a sweep)
/// and models that use every registered layer and activation.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    public static TheoryData<string> ExperimentFiles() =>
        new(Directory.GetFiles(Repository.Experiments, "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void Every_experiment_model_runs_in_onnx_runtime_as_in_torchsharp(string file)
    {
        using var harness = new SweepHarness();
        var results = TrainedRuns.TrainFirstRun(harness, Path.Combine(Repository.Experiments, file), TrainedRuns.Brief);
        using var model = TrainedModel.Load(results);
        using var test = model.TestSet(_ => { });
        var comparison = OnnxRuntimeCheck.Compare(model, test.X);
        output.WriteLine($"{file}: max |onnx - torch| = {comparison.MaxAbsDifference:E2} over {comparison.Samples} test images x {model.ClassNames.Count} outputs; same class {comparison.SameClass}/{comparison.Samples}");
        Assert.True(comparison.MaxAbsDifference <= Tolerance, $"{file}: {comparison.MaxAbsDifference}");
        Assert.Equal(comparison.Samples, comparison.SameClass);
        Assert.True(comparison.MaxAbsDifference > 0 || comparison.Samples > 0);

        // The ONNX classes are the run's own recorded test predictions.
        var recorded = File.ReadAllLines(Path.Combine(model.Run.Folder, ResultsLayout.PredictionsFile)).Skip(1)
            .Select(l => int.Parse(l.Split(',')[2])).ToArray();
        int classes = model.ClassNames.Count;
        for (int i = 0; i < recorded.Length; i++)
        {
            var row = comparison.OnnxOutput.AsSpan(i * classes, classes);
            Assert.Equal(recorded[i], row.IndexOf(MaxOf(row)));
        }
    }

    static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        return max;
    }

    [Fact]
    public void Every_registered_layer_and_activation_has_an_onnx_form()
    {
        var mappings = OnnxMappings.BuiltIn;
        Assert.All(BuiltIns.Registries.Layers.Names, name => Assert.True(mappings.HasLayer(name), name));
        Assert.All(BuiltIns.Registries.Activations.Names, name => Assert.True(mappings.HasActivation(name), name));
    }
}
